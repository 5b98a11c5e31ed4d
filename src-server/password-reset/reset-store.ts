import { sql } from 'kysely';
import type { Db } from '../db/open-database';
import { reserveSecretTry } from '../db/secret-tries';
import type { PasswordResetRow } from '../db/schema';

/** One live automatic key per user: a new one replaces the row (and its count of wrong tries). */
export async function saveAutomaticKey(db: Db, p: { userId: string; keyHash: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  const row = { key_hash: p.keyHash, created_at: p.createdAt.toISOString(), expires_at: p.expiresAt.toISOString(), failed_tries: 0, spent_at: null };
  await db
    .insertInto('password_resets')
    .values({ user_id: p.userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
}

/** The user's key when it can still be used: not spent, not expired, not killed by wrong tries. */
export async function findLiveAutomaticKey(db: Db, userId: string, now: Date, maxTries: number): Promise<PasswordResetRow | undefined> {
  const row = await db.selectFrom('password_resets').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row || row.spent_at !== null || row.failed_tries >= maxTries || !(now < new Date(row.expires_at))) return undefined;
  return row;
}

/**
 * Counts a try against this key before it is checked, by one conditional UPDATE (parallel guesses cannot pass
 * `maxTries` checks); false when the key is spent, replaced or out of tries.
 */
export function reserveAutomaticKeyTry(db: Db, userId: string, keyHash: string, maxTries: number): Promise<boolean> {
  return reserveSecretTry(db, { table: 'password_resets', hashColumn: 'key_hash' }, userId, keyHash, maxTries);
}

/** Spends the key (the right one gets its try back); false when another request spent it first. */
export async function spendAutomaticKey(db: Db, userId: string, keyHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ spent_at: now.toISOString(), failed_tries: sql<number>`failed_tries - 1` })
    .where('user_id', '=', userId)
    .where('key_hash', '=', keyHash)
    .where('spent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
