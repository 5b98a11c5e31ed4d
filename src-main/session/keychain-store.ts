import type { SecureStore } from './secure-store';
import { MemoryStore } from './memory-store';

/** The keytar API (`@github/keytar`), injected so the module is loaded by the caller. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * The OS keychain: Keychain on macOS, Credential Manager on Windows, Secret Service on Linux.
 * Every call has a time limit: a keychain daemon that stops answering must not freeze the app.
 */
export class KeychainStore implements SecureStore {
  readonly kind = 'keychain' as const;

  constructor(
    private readonly keytar: KeytarApi,
    private readonly service: string,
    private readonly timeoutMs = 10_000,
  ) {}

  get(account: string): Promise<string | null> {
    return withTimeout(this.keytar.getPassword(this.service, account), this.timeoutMs);
  }
  set(account: string, secret: string): Promise<void> {
    return withTimeout(this.keytar.setPassword(this.service, account, secret), this.timeoutMs);
  }
  delete(account: string): Promise<boolean> {
    return withTimeout(this.keytar.deletePassword(this.service, account), this.timeoutMs);
  }
  async accounts(): Promise<string[]> {
    const creds = await withTimeout(this.keytar.findCredentials(this.service), this.timeoutMs);
    return creds.map((c) => c.account).sort();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keychain did not answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export interface OpenedStore {
  store: SecureStore;
  /** Why the keychain could not be used, when the store fell back to memory. */
  fallbackReason?: string;
}

/**
 * Opens the OS keychain if a keychain service answers within the time limit (a Linux desktop
 * without a Secret Service may never answer); otherwise an in-memory store.
 */
export async function openSecureStore(
  loadKeytar: () => KeytarApi,
  service: string,
  timeoutMs = 3000,
): Promise<OpenedStore> {
  try {
    const keytar = loadKeytar();
    await withTimeout(keytar.findCredentials(service), timeoutMs);
    return { store: new KeychainStore(keytar, service) };
  } catch (err) {
    return { store: new MemoryStore(), fallbackReason: err instanceof Error ? err.message : String(err) };
  }
}
