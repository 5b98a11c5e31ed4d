import { sql } from 'kysely';
import { addMinutes } from '../clock';
import { lockUserRow } from '../db/dialect';
import type { Db } from '../db/open-database';
import { reserveSecretTry } from '../db/secret-tries';
import type { EmailSecurityCodeRow } from '../db/schema';
import type { GeneralUserLimits } from './limits';

/**
 * Takes one slot of the per-user send limits (at most 1 code a minute and 5 an hour, docs/instructivo.md §9),
 * in one transaction so two parallel requests cannot both take the last slot. The slot is taken
 * before sending and given back by `releaseSendSlot` when the send fails: only codes actually
 * sent count. Returns the slot's id, or which limit is reached (the flow answers 429).
 */
export type SendSlot = { slotId: number } | { limited: 'minute' | 'hour' };

export async function takeSendSlot(db: Db, userId: string, now: Date, limits: GeneralUserLimits): Promise<SendSlot> {
  const minuteAgo = addMinutes(now, -1).getTime();
  const hourAgo = addMinutes(now, -60);
  return db.transaction().execute(async (trx): Promise<SendSlot> => {
    // Parallel requests of one user (on any instance) count their sends one at a time.
    await lockUserRow(trx, userId);
    // Older sends no longer count for anything.
    await trx.deleteFrom('security_code_sends').where('user_id', '=', userId).where('sent_at', '<=', hourAgo.toISOString()).execute();
    const recent = await trx.selectFrom('security_code_sends').select('sent_at').where('user_id', '=', userId).execute();
    const inLastHour = recent.filter((r) => new Date(r.sent_at) > hourAgo);
    const inLastMinute = inLastHour.filter((r) => new Date(r.sent_at).getTime() > minuteAgo);
    if (inLastMinute.length >= limits.securityCodesPerMinute) return { limited: 'minute' };
    if (inLastHour.length >= limits.securityCodesPerHour) return { limited: 'hour' };
    const row = await trx
      .insertInto('security_code_sends')
      .values({ user_id: userId, sent_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { slotId: row.id };
  });
}

export async function releaseSendSlot(db: Db, slotId: number): Promise<void> {
  await db.deleteFrom('security_code_sends').where('id', '=', slotId).execute();
}

/** Stores the new code's hash for the user, replacing any previous code (and its tries). */
export async function saveSecurityCode(
  db: Db,
  code: { userId: string; email: string; codeHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  const values = {
    email: code.email,
    code_hash: code.codeHash,
    created_at: code.createdAt.toISOString(),
    expires_at: code.expiresAt.toISOString(),
    failed_tries: 0,
    spent_at: null,
  };
  await db
    .insertInto('email_security_codes')
    .values({ user_id: code.userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

export function findSecurityCode(db: Db, userId: string): Promise<EmailSecurityCodeRow | undefined> {
  return db.selectFrom('email_security_codes').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/**
 * Counts a try against this very code before it is checked, expired codes refused too (reserveSecretTry: parallel
 * tries never get more than `maxTries` checks). Runs on its own, outside the update's transaction, so a failed update
 * cannot roll it back. False: no live code to try (spent, killed, expired, replaced).
 */
export function reserveSecurityCodeTry(db: Db, userId: string, codeHash: string, now: Date, maxTries: number): Promise<boolean> {
  return reserveSecretTry(db, { table: 'email_security_codes', hashColumn: 'code_hash' }, userId, codeHash, maxTries, now);
}

/** The right code: its try was not a wrong one, so it is given back (the holder of the code needs no guesses). */
export async function refundSecurityCodeTry(db: Db, userId: string, codeHash: string): Promise<void> {
  await db
    .updateTable('email_security_codes')
    .set({ failed_tries: sql<number>`failed_tries - 1` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('failed_tries', '>', 0)
    .execute();
}

/** Spends the code inside the update's transaction; false when it was spent, killed or replaced meanwhile. */
export async function spendSecurityCode(db: Db, userId: string, codeHash: string, now: Date, maxTries: number): Promise<boolean> {
  const result = await db
    .updateTable('email_security_codes')
    .set({ spent_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('spent_at', 'is', null)
    .where('failed_tries', '<', maxTries)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
