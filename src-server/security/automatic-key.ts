import { hash } from 'node:crypto';
import { canonicalRecoveryCode, RECOVERY_CODE_COUNT } from '../../src-shared/contract';
import { SECURITY_CODE_ALPHABET, boundCodeMatches, hashBoundCode, randomCode } from './security-code';

/**
 * Reiniciar clave's automatic key (issue 27): 14 characters of the security-code alphabet (no look-alikes), 70 bits,
 * typed in any case in the login's Contraseña. Stored as a salted scrypt bound to the user and its purpose.
 */
export const AUTOMATIC_KEY_LENGTH = 14;
const PURPOSE = 'password-reset';

export function newAutomaticKey(): string {
  return randomCode(AUTOMATIC_KEY_LENGTH);
}

/** Whether a typed password could be an automatic key at all (only then is it checked and counted against one). */
export function looksLikeAutomaticKey(typed: string): boolean {
  return new RegExp(`^[${SECURITY_CODE_ALPHABET}]{${AUTOMATIC_KEY_LENGTH}}$`).test(typed.trim().toUpperCase());
}

export function hashAutomaticKey(userId: string, key: string): Promise<string> {
  return hashBoundCode([userId, PURPOSE], key.trim());
}

export function automaticKeyMatches(userId: string, typed: string, stored: string): Promise<boolean> {
  return boundCodeMatches([userId, PURPOSE], typed.trim(), stored);
}

/** A key-shaped hash nobody can match: a request that matched no user costs the same scrypt. */
export async function dummyAutomaticKeyHash(): Promise<string> {
  return hashBoundCode(['', PURPOSE], newAutomaticKey());
}

/**
 * Recovery codes: 16 characters (80 bits) shown as XXXX-XXXX-XXXX-XXXX. 80 random bits cannot be found from a copy
 * of the database, so sha256 of user and code is enough, and a code is looked up by equality.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => randomCode(16).replace(/(.{4})(?!$)/g, '$1-'));
}

export function hashRecoveryCode(userId: string, code: string): string {
  return hash('sha256', `${userId}\n${canonicalRecoveryCode(code)}`, 'hex');
}
