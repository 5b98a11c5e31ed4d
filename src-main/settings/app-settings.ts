import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ProxySettingsSchema } from '../../src-shared/contract/proxy';

/** The app's own settings (never secrets: those live in the keychain). */
export const AppSettingsSchema = z.strictObject({
  backendUrl: z.string().max(2048).optional(),
  /** The ID.usuario of the last login, so a restart knows whose keychain entry to try. */
  lastUserId: z.string().max(50).optional(),
  /** Minutes without input before the app locks; fractions allowed in the file (kiosks, tests). */
  idleLockMinutes: z.number().min(0.05).max(480).default(15),
  /** Unsaved-form drafts older than this many days are deleted (issue 9); unset: DRAFT_MAX_AGE_DAYS.default. */
  draftMaxAgeDays: z.number().int().min(1).max(90).optional(),
  /** How requests reach the backend (never the proxy's password: that lives in the keychain). */
  proxy: ProxySettingsSchema.optional(),
  /** Update feed (generic provider base URL); the machine policy's updates.feedUrl wins over it. */
  updateFeedUrl: z.string().max(2048).optional(),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export interface SettingsLoad {
  settings: AppSettings;
  /** Set when the file existed but was unreadable or invalid: it was kept aside, defaults were used. */
  problem?: string;
}

/** Reads and writes `settings.json` in the app's data folder; writes are atomic (temp file + rename). */
export class SettingsFile {
  constructor(private readonly path: string) {}

  load(): SettingsLoad {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch {
      return { settings: AppSettingsSchema.parse({}) };
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.setAside('el archivo de configuración no es JSON válido');
    }
    const parsed = AppSettingsSchema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(raíz)').join(', ');
      return this.setAside(`el archivo de configuración tiene valores no válidos en: ${where}`);
    }
    return { settings: parsed.data };
  }

  save(settings: AppSettings): void {
    const valid = AppSettingsSchema.parse(settings);
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(valid, null, 2), { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  /** Keeps the bad file for the user to inspect instead of silently overwriting it later. */
  private setAside(problem: string): SettingsLoad {
    try {
      renameSync(this.path, `${this.path}.invalid`);
    } catch {
      // Leave it where it is; defaults are used either way.
    }
    return { settings: AppSettingsSchema.parse({}), problem };
  }
}
