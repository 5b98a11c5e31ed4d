/**
 * One app on two runtimes: the Electron 25.1.1 test runtime of the build machine (Node 18.15, Chromium 114) and the
 * runtime the installers ship (the `electron` devDependency, 45). Every workaround written for Electron 25 asks this
 * module instead of assuming a version, so the first start on a modern Electron takes the modern path; the unit tests
 * (test/unit/main/electron-runtime.test.ts) inject both versions.
 *
 * Pure: reads only the `versions` object it is given (process.versions by default), never Electron itself.
 */

/** The first Electron release whose Node (20.x) no longer spins at shutdown over AbortSignal timers (nodejs/node#47748). */
export const MODERN_ABORT_SIGNAL_ELECTRON = 29;
/** The first Electron release with the GrantFileProtocolExtraPrivileges fuse (wire of 8 fuses) — scripts/package-after-pack.mjs. */
export const FILE_PROTOCOL_FUSE_ELECTRON = 29;
/** The first Electron release with safeStorage.getSelectedStorageBackend() (Linux: tells a real keyring from "basic_text"). */
export const STORAGE_BACKEND_QUERY_ELECTRON = 29;

export interface RuntimeFeatures {
  /** Major version of the Electron running the app; null outside Electron (unit tests, the backend). */
  electronMajor: number | null;
  /**
   * The timeout of a backend call. 'timer': a plain setTimeout (Electron 25: an AbortSignal.timeout() lands in a
   * FinalizationRegistry whose pending cleanup makes Node 18's shutdown spin at quit). 'abort-signal':
   * AbortSignal.timeout(), which Node 20+ collects cleanly.
   */
  timeoutMechanism: 'timer' | 'abort-signal';
  /**
   * Backend calls always go through `net.request`, on every runtime: it raises `login` per request for a proxy's 407
   * and reports redirects. `net.fetch` hands the 407 back as a plain response on Electron 25 and still raises no
   * `login` for main-process requests on Windows and macOS on current releases (electron/electron#44249), so there is
   * no modern path to switch to yet. Kept here so the decision is made in one place.
   */
  httpStack: 'net.request';
  /**
   * Linux only: whether safeStorage can say which backend it uses. Without it (Electron 25) isEncryptionAvailable() is
   * the only signal; with it, the "basic_text" fallback (a fixed key, no real protection) counts as no encryption.
   */
  canQueryStorageBackend: boolean;
  /** Whether the binary carries the GrantFileProtocolExtraPrivileges fuse that packaging must turn off. */
  hasFileProtocolFuse: boolean;
}

/** The major version in `versions.electron` ("25.1.1" → 25), or null when absent or unreadable. */
export function electronMajor(versions: Partial<Record<string, string | undefined>> = process.versions): number | null {
  const raw = versions.electron;
  if (!raw) return null;
  const major = Number.parseInt(raw, 10);
  return Number.isInteger(major) && major > 0 ? major : null;
}

/**
 * The features of the runtime described by `versions`. Outside Electron (null) the modern answers apply: those are
 * what plain Node 20 (the tests, the backend) supports.
 */
export function runtimeFeatures(versions: Partial<Record<string, string | undefined>> = process.versions): RuntimeFeatures {
  const major = electronMajor(versions);
  const atLeast = (min: number) => major === null || major >= min;
  return {
    electronMajor: major,
    timeoutMechanism: atLeast(MODERN_ABORT_SIGNAL_ELECTRON) ? 'abort-signal' : 'timer',
    httpStack: 'net.request',
    canQueryStorageBackend: atLeast(STORAGE_BACKEND_QUERY_ELECTRON),
    hasFileProtocolFuse: atLeast(FILE_PROTOCOL_FUSE_ELECTRON),
  };
}
