import { hash, randomBytes } from 'node:crypto';

/**
 * A bearer secret (session token, "Verificar contraseña" ticket): 32 random bytes, base64url
 * (43 characters). Only its hash is stored.
 */
export function newBearerSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * sha256 hex, the stored key: a fast hash is enough for 256 random bits looked up by equality.
 * crypto.hash (Node >= 20.12) is the one-shot form: no Hash object per request (issue #15).
 */
export function hashBearerSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}
