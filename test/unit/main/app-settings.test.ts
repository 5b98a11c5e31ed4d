import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppSettings, SettingsFile } from '../../../src-main/settings/app-settings';

/**
 * `settings.json` in the app's data folder: never secrets, a bad file never stops the app (it is
 * kept aside for the user and defaults are used), writes are atomic and private to the user.
 */

const DEFAULTS: AppSettings = { idleLockMinutes: 15 };

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (text: string) => fs.writeFileSync(file, text);
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('SettingsFile.load', () => {
  it('a missing file gives the defaults and no problem', () => {
    expect(new SettingsFile(file).load()).toEqual({ settings: DEFAULTS });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a missing folder gives the defaults too', () => {
    expect(new SettingsFile(path.join(dir, 'no', 'such', 'settings.json')).load()).toEqual({ settings: DEFAULTS });
  });

  it('a valid file is read as written', () => {
    const saved = { backendUrl: 'https://ecuapass.aduana.gob.ec', lastUserId: 'jperez', idleLockMinutes: 5 };
    write(JSON.stringify(saved));
    expect(new SettingsFile(file).load()).toEqual({ settings: saved });
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a valid file without idleLockMinutes gets the default 15 minutes', () => {
    write(JSON.stringify({ lastUserId: 'mlopez' }));
    expect(new SettingsFile(file).load()).toEqual({ settings: { lastUserId: 'mlopez', idleLockMinutes: 15 } });
  });

  const BAD_FILES: [string, string][] = [
    ['broken JSON', '{"backendUrl": "https://x.ec",'],
    ['an empty file', ''],
    ['not JSON at all', '<html>proxy</html>'],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"https://x.ec"'],
    ['idleLockMinutes as a string', JSON.stringify({ idleLockMinutes: '15' })],
    ['idleLockMinutes out of range', JSON.stringify({ idleLockMinutes: 100000 })],
    ['idleLockMinutes zero', JSON.stringify({ idleLockMinutes: 0 })],
    ['backendUrl as a number', JSON.stringify({ backendUrl: 4010 })],
    ['lastUserId as an object', JSON.stringify({ lastUserId: { id: 'jperez' } })],
    ['an unknown key', JSON.stringify({ idleLockMinutes: 15, token: 'secreto' })],
    ['a prototype-pollution key', '{"__proto__":{"idleLockMinutes":1}}'],
  ];

  it.each(BAD_FILES)('%s: defaults, a Spanish problem, and the file renamed to settings.json.invalid', (_what, text) => {
    write(text);
    const loaded = new SettingsFile(file).load();

    expect(loaded.settings).toEqual(DEFAULTS);
    expect(loaded.problem).toMatch(/archivo de configuración/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(`${file}.invalid`, 'utf8')).toBe(text);
    expect(({} as Record<string, unknown>).idleLockMinutes).toBeUndefined();
  });

  it('the problem names the offending keys', () => {
    write(JSON.stringify({ idleLockMinutes: 'x', colour: 'red' }));
    const { problem } = new SettingsFile(file).load();
    expect(problem).toContain('idleLockMinutes');
  });

  it('after a bad file was set aside, the next start reads defaults with no problem', () => {
    write('{oops');
    new SettingsFile(file).load();
    expect(new SettingsFile(file).load()).toEqual({ settings: DEFAULTS });
    expect(fs.existsSync(`${file}.invalid`)).toBe(true);
  });

  it('an older settings.json.invalid is replaced by the newer bad file', () => {
    fs.writeFileSync(`${file}.invalid`, 'old');
    write('new {');
    new SettingsFile(file).load();
    expect(fs.readFileSync(`${file}.invalid`, 'utf8')).toBe('new {');
  });
});

describe('SettingsFile.save', () => {
  const GOOD: AppSettings = { backendUrl: 'https://ecuapass.aduana.gob.ec', lastUserId: 'jperez', idleLockMinutes: 10 };

  it('writes what load reads back', () => {
    const settings = new SettingsFile(file);
    settings.save(GOOD);
    expect(settings.load()).toEqual({ settings: GOOD });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(GOOD);
  });

  it('creates the data folder when it does not exist yet', () => {
    const nested = path.join(dir, 'Ecuapass Desktop', 'settings.json');
    new SettingsFile(nested).save(GOOD);
    expect(new SettingsFile(nested).load()).toEqual({ settings: GOOD });
  });

  it('the file is readable and writable only by its owner (0600), even if an older file was 0644', () => {
    write(JSON.stringify(DEFAULTS));
    fs.chmodSync(file, 0o644);
    new SettingsFile(file).save(GOOD);
    expect(mode(file)).toBe(0o600);

    const fresh = path.join(dir, 'fresh.json');
    new SettingsFile(fresh).save(GOOD);
    expect(mode(fresh)).toBe(0o600);
  });

  it('is atomic: the new content replaces the old file by rename, leaving no temporary file behind', () => {
    write(JSON.stringify(DEFAULTS));
    const before = fs.statSync(file).ino;
    // A reader holding the old file keeps seeing a complete old version.
    const reader = fs.openSync(file, 'r');
    try {
      new SettingsFile(file).save(GOOD);
      expect(fs.statSync(file).ino).not.toBe(before);
      expect(JSON.parse(fs.readFileSync(reader, 'utf8'))).toEqual(DEFAULTS);
    } finally {
      fs.closeSync(reader);
    }
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(GOOD);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });

  const INVALID: [string, unknown][] = [
    ['idleLockMinutes zero', { idleLockMinutes: 0 }],
    ['idleLockMinutes above 480', { idleLockMinutes: 481 }],
    ['idleLockMinutes not a number', { idleLockMinutes: 'quince' }],
    ['idleLockMinutes NaN', { idleLockMinutes: Number.NaN }],
    ['a backendUrl over 2048 characters', { backendUrl: `https://x.ec/${'a'.repeat(2048)}`, idleLockMinutes: 15 }],
    ['a lastUserId over 50 characters', { lastUserId: 'u'.repeat(51), idleLockMinutes: 15 }],
    ['an unknown key (a secret must never land here)', { idleLockMinutes: 15, token: 'secreto' }],
  ];

  it.each(INVALID)('refuses %s by throwing, and leaves the previous file unchanged', (_what, value) => {
    write(JSON.stringify(GOOD, null, 2));
    const before = fs.readFileSync(file);
    const beforeIno = fs.statSync(file).ino;

    expect(() => new SettingsFile(file).save(value as AppSettings)).toThrow();

    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.statSync(file).ino).toBe(beforeIno);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });
});
