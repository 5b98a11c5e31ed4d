import { readFileSync } from 'node:fs';

/**
 * Whether settings.json may name a user to restore, read without the settings schema (which loads
 * with the services, after the window, issue #15). False only when the file certainly names none:
 * missing, unreadable, not JSON, or no non-empty string `lastUserId` — every case in which
 * SettingsFile (app-settings.ts) yields no last user either. Anything else is left to the services.
 */
export function mayNameUserToRestore(settingsPath: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(settingsPath, 'utf8'));
  } catch {
    return false;
  }
  if (typeof json !== 'object' || json === null) return false;
  const lastUserId = (json as { lastUserId?: unknown }).lastUserId;
  return typeof lastUserId === 'string' && lastUserId !== '';
}
