/**
 * Where session tokens are kept between runs: one secret per ID.usuario. Injected, so tests can
 * use the real OS keychain or memory.
 */
export interface SecureStore {
  /** 'keychain': survives restarts; 'memory': forgotten when the app exits. */
  readonly kind: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  accounts(): Promise<string[]>;
  /** A call is coming (a login under way): get ready for it meanwhile (the keychain helper starts). Optional. */
  warm?(): void;
}

/** The keychain's service name: fixed per app (renaming it would orphan every stored session); the account is the ID.usuario. */
export const KEYCHAIN_SERVICE = 'Ecuapass Desktop';
