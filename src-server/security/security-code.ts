import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { scryptKey } from './scrypt-key';

/**
 * The alphabet of e-mail security codes: A–Z and 2–9 without the look-alikes I and O (0 and 1
 * are already out), so a code read from a phone screen is typed right the first time.
 */
export const SECURITY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SECURITY_CODE_LENGTH = 8;

/** `length` characters of the alphabet drawn with crypto.randomInt (uniform, no modulo bias): 5 bits each. */
export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += SECURITY_CODE_ALPHABET[randomInt(SECURITY_CODE_ALPHABET.length)];
  return code;
}

/** 8 characters: 40 bits. */
export function newSecurityCode(): string {
  return randomCode(SECURITY_CODE_LENGTH);
}

/**
 * A code has only 40 bits, so a plain fast hash could be reversed from a copy of the database
 * within the code's 15 minutes; scrypt with a per-code salt makes that impractical. The user and
 * the address are part of the hashed input, so a code works only for the pair it was sent for.
 * Cheaper than password hashing (N=2^14 ≈ 16 MiB) since a code lives minutes, not years.
 */
const PARAMS = { N: 2 ** 14, r: 8, p: 1, keyBytes: 32, saltBytes: 16 } as const;

const derive = (input: string, salt: Buffer) => scryptKey(input, salt, PARAMS.keyBytes, PARAMS);

/** What a code is bound to (user and address; user and purpose) and the code, in any case. */
const hashInput = (context: readonly string[], code: string) => [...context, code.toUpperCase()].join('\n');

/** A code bound to `context`: returns `<salt base64url>$<key base64url>`. */
export async function hashBoundCode(context: readonly string[], code: string): Promise<string> {
  const salt = randomBytes(PARAMS.saltBytes);
  const key = await derive(hashInput(context, code), salt);
  return `${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function boundCodeMatches(context: readonly string[], code: string, stored: string): Promise<boolean> {
  const [saltText, keyText] = stored.split('$');
  if (!saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await derive(hashInput(context, code), Buffer.from(saltText, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function hashSecurityCode(userId: string, email: string, code: string): Promise<string> {
  return hashBoundCode([userId, email.toLowerCase()], code);
}

export function securityCodeMatches(userId: string, email: string, code: string, stored: string): Promise<boolean> {
  return boundCodeMatches([userId, email.toLowerCase()], code, stored);
}
