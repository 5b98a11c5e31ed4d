import type { RuntimeFeatures } from '../runtime/electron-runtime';
import type { DraftCipher } from './draft-store';

/** Electron's safeStorage as the drafts use it; getSelectedStorageBackend exists on Linux from Electron 29 on. */
export interface SafeStorageLike extends DraftCipher {
  getSelectedStorageBackend?: () => string;
}

const NO_CIPHER: DraftCipher = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('no synchronous safeStorage on this runtime');
  },
  decryptString: () => {
    throw new Error('no synchronous safeStorage on this runtime');
  },
};

/** Linux backends that protect nothing: "basic_text" encrypts with a fixed key; "unknown" means not yet decided. */
const UNPROTECTED_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * Which cipher the draft store gets (issue 9, issue 29):
 *   Windows  safeStorage = DPAPI, always there for a logged-on user: drafts are encrypted by default.
 *   macOS    safeStorage = the login keychain's "Ecuapass Desktop Safe Storage" key: encrypted by default.
 *   Linux    the Secret Service (gnome-keyring, KWallet). A modern runtime says which backend it took, and the
 *            "basic_text" fallback (no keyring running) counts as no encryption, so the screen says the drafts are
 *            plain files. Electron 25 cannot say: isEncryptionAvailable() is all there is.
 */
export function draftCipherFor(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  runtime: Pick<RuntimeFeatures, 'canQueryStorageBackend'>,
): DraftCipher {
  // Electron 46 removed the synchronous API (only *Async remain): until the draft store is asynchronous, such a runtime
  // gets plain drafts and the screen's notice instead of a crash at the first save.
  if (typeof safeStorage.encryptString !== 'function' || typeof safeStorage.isEncryptionAvailable !== 'function') return NO_CIPHER;
  if (platform !== 'linux' || !runtime.canQueryStorageBackend || typeof safeStorage.getSelectedStorageBackend !== 'function') {
    return safeStorage;
  }
  return {
    isEncryptionAvailable: () =>
      safeStorage.isEncryptionAvailable() && !UNPROTECTED_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend!()),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (data) => safeStorage.decryptString(data),
  };
}
