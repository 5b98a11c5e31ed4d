import { createHash, randomBytes } from 'node:crypto';

/** A "Verificar contraseña" ticket: 32 random bytes, base64url. Only its hash is stored. */
export function newPasswordTicket(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 hex: enough for 256 random bits (like session tokens), and looked up by equality. */
export function hashPasswordTicket(ticket: string): string {
  return createHash('sha256').update(ticket, 'utf8').digest('hex');
}
