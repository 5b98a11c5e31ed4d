// Starts the PACKAGED app (dist/linux-unpacked) and checks it shows the login screen and uses the OS keychain through
// keytar loaded from app.asar.unpacked. Needs a display and a Secret Service: `npm run test:packaging` provides both
// (scripts/with-desktop-env.sh). The work is done by scripts/package-smoke.mjs, also usable by hand.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXECUTABLE, REPO_ROOT, requirePackagedApp } from './packaged-app';

const run = promisify(execFile);

interface SmokeResult {
  ok: boolean;
  checks: Record<string, boolean>;
  screenshot: string | null;
  keytarMappedFrom: string | null;
  startedLine: string | null;
  error?: string;
}

describe('packaged app start-up', () => {
  beforeAll(() => {
    requirePackagedApp();
    if (!process.env.DISPLAY) throw new Error('no DISPLAY: run via `npm run test:packaging` (Xvfb + D-Bus + keyring)');
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('no D-Bus session: run via `npm run test:packaging`');
  });

  it('shows "Ingreso al portal externo" and keeps the session in the OS keychain (keytar from app.asar.unpacked, in the keychain helper only)', async () => {
    const screenshot = path.join(REPO_ROOT, 'test-results/packaging/packaged-login.png');
    const { stdout } = await run(
      process.execPath,
      ['--experimental-websocket', path.join(REPO_ROOT, 'scripts/package-smoke.mjs'), EXECUTABLE, screenshot],
      { timeout: 90_000 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const result = JSON.parse(stdout) as SmokeResult;
    expect(result.error, result.error).toBeUndefined();
    expect(result.checks).toEqual({ loginHeading: true, keytarFromAsarUnpacked: true, keychainInUse: true });
    expect(result.keytarMappedFrom).toContain('/resources/app.asar.unpacked/node_modules/@github/keytar/');
    expect(result.screenshot).toBe(screenshot);
  });
});
