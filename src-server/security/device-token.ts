import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeviceTokenSchema } from '../../src-shared/contract/device-token';
import { writeTransaction } from '../db/group-commit';
import type { Db } from '../db/open-database';
import { hashBearerSecret } from './bearer-secret';

/**
 * Trusted-device tokens, OWASP's "device cookie" (docs/architecture.md §5, "Login defences"). After a successful
 * login the backend issues `v1.<id>.<exp>.<mac>`: a random id, an expiry in seconds, and
 * HMAC-SHA256(secret, "v1.<id>.<normalised ID.usuario>.<exp>"). The MAC binds the token to its user (another user's
 * token gives nothing), the row in device_tokens (the token's sha256) makes it revocable: a password change
 * revokes every token of the user with the sessions. Checking a token costs one HMAC, and one indexed read only
 * when the MAC is right.
 */
export const DEVICE_TOKEN_DAYS = 90;
/** Live tokens kept per user (one per workstation it logs in from); the oldest beyond go. */
export const DEVICE_TOKENS_PER_USER = 20;

export interface TrustedDevice {
  /** The token's id: the key of its own failure counter and of its own password-work budget. */
  id: string;
}

function mac(secret: string, id: string, subject: string, exp: string): string {
  return createHmac('sha256', secret).update(`v1.${id}.${subject}.${exp}`).digest('base64url');
}

/** A new token for `subject` (the normalised ID.usuario of the user who just logged in), stored by its hash. */
export async function issueDeviceToken(db: Db, secret: string, user: { userId: string; subject: string }, now: Date, replacing?: TrustedDevice): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const expires = new Date(now.getTime() + DEVICE_TOKEN_DAYS * 86_400_000);
  const exp = String(Math.floor(expires.getTime() / 1000));
  const token = `v1.${id}.${exp}.${mac(secret, id, user.subject, exp)}`;
  await writeTransaction(db, async (trx) => {
    // One token per device: the one it came with is replaced (and its failure counter goes with it).
    if (replacing) await trx.deleteFrom('device_tokens').where('id', '=', replacing.id).execute();
    await trx
      .deleteFrom('device_tokens')
      .where('user_id', '=', user.userId)
      .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('revoked_at', 'is not', null)]))
      .execute();
    await trx
      .insertInto('device_tokens')
      .values({ id, user_id: user.userId, token_hash: hashBearerSecret(token), created_at: now.toISOString(), expires_at: expires.toISOString(), revoked_at: null })
      .execute();
    const live = await trx.selectFrom('device_tokens').select('id').where('user_id', '=', user.userId).orderBy('created_at', 'desc').orderBy('id').execute();
    const extra = live.slice(DEVICE_TOKENS_PER_USER).map((r) => r.id);
    if (extra.length > 0) await trx.deleteFrom('device_tokens').where('id', 'in', extra).execute();
  });
  return token;
}

/**
 * The device a header vouches for when it carries a live token issued to `subject`; null for no header, a garbled,
 * forged, expired or revoked token, or another user's. Never throws on what the client sent.
 */
export async function trustedDevice(db: Db, secret: string, header: unknown, subject: string, now: Date): Promise<TrustedDevice | null> {
  if (typeof header !== 'string' || !DeviceTokenSchema.safeParse(header).success) return null;
  const [, id = '', exp = '', given = ''] = header.split('.');
  const expected = Buffer.from(mac(secret, id, subject, exp));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  if (!(Number(exp) * 1000 > now.getTime())) return null;
  const row = await db.selectFrom('device_tokens').select(['token_hash', 'expires_at', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  if (!row || row.revoked_at !== null || row.token_hash !== hashBearerSecret(header) || !(Date.parse(row.expires_at) > now.getTime())) return null;
  return { id };
}

/** Every token of the user stops vouching (a password change: with its sessions). */
export async function revokeDeviceTokens(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('device_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
