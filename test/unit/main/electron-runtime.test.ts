import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronMajor, runtimeFeatures } from '../../../src-main/runtime/electron-runtime';
import { draftCipherFor, type SafeStorageLike } from '../../../src-main/drafts/draft-cipher';
import { DraftStore } from '../../../src-main/drafts/draft-store';
import type { DraftValues } from '../../../src-shared/contract';

const ELECTRON_25 = { node: '18.15.0', chrome: '114.0.5735.106', electron: '25.1.1' };
const ELECTRON_45 = { node: '22.20.0', chrome: '140.0.7339.41', electron: '45.5.0' };

describe('the runtime seam: one app on Electron 25 (tests here) and Electron 45 (the installers)', () => {
  it('reads the major version of process.versions.electron; none outside Electron', () => {
    expect(electronMajor(ELECTRON_25)).toBe(25);
    expect(electronMajor(ELECTRON_45)).toBe(45);
    expect(electronMajor({ node: '20.20.2' })).toBeNull();
    expect(electronMajor({ electron: 'nightly' })).toBeNull();
  });

  it('Electron 25 takes every workaround: plain timers, no storage-backend query, no file-protocol fuse', () => {
    expect(runtimeFeatures(ELECTRON_25)).toEqual({
      electronMajor: 25,
      timeoutMechanism: 'timer',
      httpStack: 'net.request',
      canQueryStorageBackend: false,
      hasFileProtocolFuse: false,
    });
  });

  it('Electron 45 takes the modern path: AbortSignal timers, the backend query, the fuse to flip', () => {
    expect(runtimeFeatures(ELECTRON_45)).toEqual({
      electronMajor: 45,
      timeoutMechanism: 'abort-signal',
      httpStack: 'net.request',
      canQueryStorageBackend: true,
      hasFileProtocolFuse: true,
    });
  });

  it('the boundary is Electron 29 (Node 20, an 8-fuse wire)', () => {
    expect(runtimeFeatures({ electron: '28.3.3' }).timeoutMechanism).toBe('timer');
    expect(runtimeFeatures({ electron: '29.0.0' }).timeoutMechanism).toBe('abort-signal');
    expect(runtimeFeatures({ electron: '28.3.3' }).hasFileProtocolFuse).toBe(false);
    expect(runtimeFeatures({ electron: '29.0.0' }).hasFileProtocolFuse).toBe(true);
  });

  it('plain Node (unit tests, the backend) counts as modern', () => {
    expect(runtimeFeatures({ node: '20.20.2' }).timeoutMechanism).toBe('abort-signal');
  });
});

/** A fake safeStorage: AES with its own key, as DPAPI / the keychain / libsecret would, plus the Linux backend name. */
function fakeSafeStorage(opts: { available: boolean; backend?: string }): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => opts.available,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
    ...(opts.backend === undefined ? {} : { getSelectedStorageBackend: () => opts.backend! }),
  };
}

const VALUES: DraftValues = {
  name: 'Juan Carlos Pérez Mendoza', country: 'EC', province: '09', city: '0901', phone1: '042987654', phone2: '',
  carrier: 'CLARO', mobileNumber: '0991234567', fax: '', keepEmail: 'no', email: '', emailConfirmation: '',
};

function storeWith(cipher: ReturnType<typeof draftCipherFor>) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ecuapass-cipher-')), 'drafts');
  const store = new DraftStore(dir, cipher, { maxAgeDays: () => 7 });
  store.save('jperez', { version: 1, base: VALUES, values: VALUES });
  const bytes = readFileSync(store.fileOf('jperez'));
  return { store, encryptedOnDisk: !bytes.includes(Buffer.from('042987654')) };
}

describe('draft encryption per OS and runtime', () => {
  it.each([
    ['win32', 'DPAPI'],
    ['darwin', 'the login keychain'],
  ] as const)('%s (%s): the default is an encrypted draft, on either runtime', (platform, _cipher) => {
    for (const versions of [ELECTRON_25, ELECTRON_45]) {
      const { store, encryptedOnDisk } = storeWith(draftCipherFor(fakeSafeStorage({ available: true }), platform, runtimeFeatures(versions)));
      expect(store.encrypted).toBe(true);
      expect(encryptedOnDisk).toBe(true);
      expect(store.load('jperez').draft?.values.phone1).toBe('042987654');
    }
  });

  it('Linux on a modern runtime: a real keyring encrypts; the basic_text fallback counts as plain (the screen says so)', () => {
    const modern = runtimeFeatures(ELECTRON_45);
    const keyring = storeWith(draftCipherFor(fakeSafeStorage({ available: true, backend: 'gnome_libsecret' }), 'linux', modern));
    expect([keyring.store.encrypted, keyring.encryptedOnDisk]).toEqual([true, true]);
    const basic = storeWith(draftCipherFor(fakeSafeStorage({ available: true, backend: 'basic_text' }), 'linux', modern));
    expect([basic.store.encrypted, basic.encryptedOnDisk]).toEqual([false, false]);
  });

  it('Linux on Electron 25: isEncryptionAvailable() decides, the backend is not asked even where the method exists', () => {
    const old = runtimeFeatures(ELECTRON_25);
    const on = storeWith(draftCipherFor(fakeSafeStorage({ available: true, backend: 'basic_text' }), 'linux', old));
    expect([on.store.encrypted, on.encryptedOnDisk]).toEqual([true, true]);
    const off = storeWith(draftCipherFor(fakeSafeStorage({ available: false }), 'linux', old));
    expect([off.store.encrypted, off.encryptedOnDisk]).toEqual([false, false]);
  });
});

describe('the missing fuse at packaging time (scripts/package-after-pack.mjs)', () => {
  it('uses the same threshold as the runtime seam', async () => {
    const { FILE_PROTOCOL_FUSE_ELECTRON: packaging } = await import('../../../scripts/package-after-pack.mjs');
    const { FILE_PROTOCOL_FUSE_ELECTRON: runtime } = await import('../../../src-main/runtime/electron-runtime');
    expect(packaging).toBe(runtime);
  });

  it('Electron 25 (a 7-fuse wire): nothing to flip; Electron 45 (8 or more): flipped; 45 without it: the build fails', async () => {
    const { fileProtocolFuseStep } = await import('../../../scripts/package-after-pack.mjs');
    expect(fileProtocolFuseStep('25.1.1', 7)).toBe('absent');
    expect(fileProtocolFuseStep('45.5.0', 9)).toBe('flip');
    expect(() => fileProtocolFuseStep('45.5.0', 7)).toThrow(/must have the GrantFileProtocolExtraPrivileges fuse/);
    // Version unknown: the wire decides.
    expect(fileProtocolFuseStep(undefined, 9)).toBe('flip');
    expect(fileProtocolFuseStep(undefined, 7)).toBe('absent');
  });
});

describe('a runtime without the synchronous safeStorage API (Electron 46 removed it)', () => {
  it('drafts are kept plain (the screen says so) instead of the app failing at the first save', () => {
    const asyncOnly = { isAsyncEncryptionAvailable: async () => true } as unknown as SafeStorageLike;
    const { store, encryptedOnDisk } = storeWith(draftCipherFor(asyncOnly, 'win32', runtimeFeatures({ electron: '46.0.0' })));
    expect([store.encrypted, encryptedOnDisk]).toEqual([false, false]);
    expect(store.load('jperez').draft?.values.phone1).toBe('042987654');
  });
});
