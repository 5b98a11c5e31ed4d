import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftStore, type DraftCipher } from '../../../src-main/drafts/draft-store';
import { writeFileAtomic } from '../../../src-main/drafts/draft-file';
import { DraftSaveSchema, type DraftValues } from '../../../src-shared/contract';
import { aesSafeStorage } from '../../fixtures/aes-safe-storage';

/** AES-256-GCM with a key of its own: what safeStorage does with the OS's key, outside Electron. */
const aesCipher = (available = true): DraftCipher => aesSafeStorage({ available });

const BASE: DraftValues = {
  name: 'Juan Carlos Pérez Mendoza', country: 'EC', province: '09', city: '0901', phone1: '042345678', phone2: '',
  carrier: 'CLARO', mobileNumber: '0991234567', fax: '', keepEmail: 'no', email: '', emailConfirmation: '',
};
const TYPED: DraftValues = { ...BASE, phone1: '042987654', fax: '042111222', email: 'nuevo@example.com', emailConfirmation: 'nuevo@example.com' };

function newStore(opts: { cipher?: DraftCipher; now?: () => Date; maxAgeDays?: number } = {}) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ecuapass-drafts-')), 'drafts');
  const problems: string[] = [];
  const store = new DraftStore(dir, opts.cipher ?? aesCipher(), {
    maxAgeDays: () => opts.maxAgeDays ?? 7,
    now: opts.now,
    onProblem: (m) => problems.push(m),
  });
  return { dir, store, problems };
}

describe('the draft file', () => {
  it('is encrypted: the typed phone number, name and email are not in its bytes, and it loads back', () => {
    const { store } = newStore();
    store.save('jperez', { version: 3, base: BASE, values: TYPED });
    const bytes = readFileSync(store.fileOf('jperez'));
    for (const secret of ['042987654', '042111222', 'nuevo@example.com', 'Pérez', 'jperez']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
    const { draft, setAside } = store.load('jperez');
    expect(setAside).toBe(false);
    expect(draft).toMatchObject({ userId: 'jperez', version: 3, values: TYPED, base: BASE });
  });

  it('without OS encryption it is plain JSON readable by this OS user only (0600)', () => {
    const { store, dir } = newStore({ cipher: aesCipher(false) });
    store.save('jperez', { version: 1, base: BASE, values: TYPED });
    const file = store.fileOf('jperez');
    expect(readFileSync(file, 'utf8')).toContain('042987654');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
    expect(store.load('jperez').draft?.values.phone1).toBe('042987654');
  });

  it('can hold no password, ticket or security code: the schema refuses them', () => {
    for (const extra of [{ currentPassword: 'Aduana#2026' }, { newPassword: 'Nueva#2026x' }, { passwordConfirmation: 'x' }, { securityCode: 'ABCD2345' }, { ticket: 't' }]) {
      expect(DraftSaveSchema.safeParse({ version: 1, base: BASE, values: { ...TYPED, ...extra } }).success).toBe(false);
    }
    const { store } = newStore({ cipher: aesCipher(false) });
    store.save('jperez', { version: 1, base: BASE, values: TYPED });
    const text = readFileSync(store.fileOf('jperez'), 'utf8');
    expect(text).not.toMatch(/password|ticket|securityCode|Aduana#2026/i);
  });

  it('one draft per ID.usuario, named by a hash: another user never gets it, the folder does not name users', () => {
    const { store, dir } = newStore();
    store.save('JPerez ', { version: 1, base: BASE, values: TYPED });
    expect(store.load('jperez').draft?.values.phone1).toBe('042987654');
    expect(store.load('mlopez').draft).toBeNull();
    expect(readdirSync(dir).join(' ')).not.toMatch(/perez/i);
  });

  it('survives a torn write: a temp file truncated by a crash leaves the previous draft intact, and start-up removes it', () => {
    const { store, dir } = newStore();
    store.save('jperez', { version: 1, base: BASE, values: TYPED });
    const file = store.fileOf('jperez');
    // The next save died half-way through its temp file (before fsync and rename).
    const next = readFileSync(file);
    writeFileSync(`${file}.tmp-4242`, next.subarray(0, Math.floor(next.length / 2)));
    expect(store.load('jperez').draft?.values.phone1).toBe('042987654');
    store.purge();
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('the atomic write replaces the whole file or nothing: a failing write leaves the old content', () => {
    const { store } = newStore();
    store.save('jperez', { version: 1, base: BASE, values: TYPED });
    const file = store.fileOf('jperez');
    const before = readFileSync(file);
    // The temp path is a folder: the write fails before the rename.
    writeFileSync(`${file}.tmp-x`, '');
    expect(() => writeFileAtomic(file, Buffer.from('nuevo'), '.tmp-x/sub')).toThrow();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a corrupt file (truncated after a power loss, garbage, or encrypted with another key) is set aside and reported, never thrown', () => {
    for (const damage of ['truncate', 'garbage', 'otherKey'] as const) {
      const { store, dir, problems } = newStore();
      store.save('jperez', { version: 1, base: BASE, values: TYPED });
      const file = store.fileOf('jperez');
      const bytes = readFileSync(file);
      if (damage === 'truncate') writeFileSync(file, bytes.subarray(0, bytes.length - 7));
      if (damage === 'garbage') writeFileSync(file, 'not a draft at all');
      if (damage === 'otherKey') {
        const other = new DraftStore(dir, aesCipher(), { maxAgeDays: () => 7 });
        other.save('jperez', { version: 1, base: BASE, values: TYPED });
      }
      expect(store.load('jperez'), damage).toEqual({ draft: null, setAside: true });
      expect(readdirSync(dir).some((n) => n.startsWith(`${path.basename(file)}.corrupt-`)), damage).toBe(true);
      expect(problems[0]).toMatch(/set aside/);
      // Told once: the next look finds no draft.
      expect(store.load('jperez')).toEqual({ draft: null, setAside: false });
    }
  });

  it('is deleted on discard and after its age (default 7 days)', () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const { store } = newStore({ now: () => now });
    store.save('jperez', { version: 1, base: BASE, values: TYPED });
    now = new Date('2026-12-08T09:59:00Z');
    expect(store.load('jperez').draft).not.toBeNull();
    now = new Date('2026-12-08T10:00:01Z');
    expect(store.load('jperez').draft).toBeNull();

    store.save('jperez', { version: 1, base: BASE, values: TYPED });
    store.discard('jperez');
    expect(store.load('jperez').draft).toBeNull();

    store.save('mlopez', { version: 1, base: BASE, values: TYPED });
    now = new Date('2026-12-20T10:00:00Z');
    store.purge();
    expect(() => statSync(store.fileOf('mlopez'))).toThrow();
  });
});
