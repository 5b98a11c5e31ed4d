import { createRequire } from 'node:module';

// The same keychain service the app uses (src-main/session/secure-store.ts), read from the test
// process: both run inside the same D-Bus session (scripts/with-desktop-env.sh).
export const KEYCHAIN_SERVICE = 'Ecuapass Desktop';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const keytar = createRequire(__filename)('@github/keytar') as Keytar;

export function keychainToken(userId: string): Promise<string | null> {
  return keytar.getPassword(KEYCHAIN_SERVICE, userId);
}

export async function keychainAccounts(): Promise<string[]> {
  return (await keytar.findCredentials(KEYCHAIN_SERVICE)).map((c) => c.account).sort();
}

// Where the app keeps the trusted-device tokens, beside the sessions (src-main/session/secure-store.ts).
export const DEVICE_TOKEN_KEYCHAIN_SERVICE = 'Ecuapass Desktop trusted device';

export function keychainDeviceToken(userId: string): Promise<string | null> {
  return keytar.getPassword(DEVICE_TOKEN_KEYCHAIN_SERVICE, userId);
}

export async function clearKeychain(): Promise<void> {
  for (const account of await keychainAccounts()) await keytar.deletePassword(KEYCHAIN_SERVICE, account);
  for (const { account } of await keytar.findCredentials(DEVICE_TOKEN_KEYCHAIN_SERVICE)) await keytar.deletePassword(DEVICE_TOKEN_KEYCHAIN_SERVICE, account);
}
