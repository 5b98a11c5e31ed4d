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
}

/** The keychain's service name: fixed per app (renaming it would orphan every stored session); the account is the ID.usuario. */
export const KEYCHAIN_SERVICE = 'Ecuapass Desktop';

/**
 * The trusted-device tokens (LoginResponse.deviceToken, docs/architecture.md §5), beside the sessions in the same
 * keychain under a service of their own, so the list of remembered users stays the list of sessions. The account
 * is the ID.usuario in the form the backend binds the token to (deviceTokenAccount).
 */
export const DEVICE_TOKEN_KEYCHAIN_SERVICE = 'Ecuapass Desktop trusted device';

/** The ID.usuario as the backend normalises it for the token's binding (NFC, trimmed, lower case). */
export function deviceTokenAccount(userId: string): string {
  return userId.normalize('NFC').trim().toLowerCase();
}
