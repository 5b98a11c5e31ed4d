import { sql } from 'kysely';
import type { Db } from './open-database';

/** The one-time secrets a user proves by typing them (one row per user), and the column holding each one's hash. */
export type TriedSecret = { table: 'email_security_codes'; hashColumn: 'code_hash' } | { table: 'password_resets'; hashColumn: 'key_hash' };

/**
 * Counts a try against this very secret BEFORE it is checked (matched by hash: one issued meanwhile starts clean), in
 * one conditional UPDATE: N parallel tries can never get more than `maxTries` checks, on SQLite and on PostgreSQL under
 * READ COMMITTED (the UPDATE waits for the row and re-checks its WHERE). With `now`, an expired secret is not tried
 * either. False: no live secret to try (spent, out of tries, expired, replaced).
 */
export async function reserveSecretTry(db: Db, secret: TriedSecret, userId: string, hash: string, maxTries: number, now?: Date): Promise<boolean> {
  let update = db
    .updateTable(secret.table)
    .set({ failed_tries: sql<number>`failed_tries + 1` })
    .where('user_id', '=', userId)
    .where(sql.ref(secret.hashColumn), '=', hash)
    .where('spent_at', 'is', null)
    .where('failed_tries', '<', maxTries);
  if (now) update = update.where('expires_at', '>', now.toISOString());
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
