import { randomBytes, timingSafeEqual } from 'node:crypto';
import { scryptKey } from './scrypt-key';

/**
 * Password hashing with scrypt (node:crypto). Parameters follow OWASP's scrypt minimum
 * (N=2^15, r=8, p=1 ≈ 32 MiB per hash). They are stored with each hash, so raising them later
 * keeps old hashes verifiable.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

// Refuse absurd parameters read from a (corrupted or tampered) stored hash instead of exhausting memory.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(password: string, salt: Buffer, keyBytes: number, N: number, r: number, p: number): Promise<Buffer> {
  return scryptKey(password.normalize('NFC'), salt, keyBytes, { N, r, p });
}

/** Returns `scrypt$N$r$p$<salt base64url>$<hash base64url>`. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, keyBytes, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable stored value. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const sane =
    [N, r, p].every(Number.isSafeInteger) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0 &&
    r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P && salt.length >= 8 && expected.length >= 16;
  if (!sane) return false;
  const actual = await derive(password, salt, expected.length, N, r, p);
  return timingSafeEqual(actual, expected);
}

/**
 * A fixed hash (current parameters) of a random password nobody knows. Checking a login for an
 * unknown ID against it costs the same scrypt as a real check, so response time does not reveal
 * which IDs exist; being a constant, even the first unknown ID costs one hash, not two.
 */
export const DUMMY_PASSWORD_HASH = 'scrypt$32768$8$1$fvB5x0v9fpy03k5-RCSQ_A$V-xxUAXlZ1sKIh52soH9UTsBApqpWeTz9iqmqJb7910';
