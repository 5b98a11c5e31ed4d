import { addMinutes } from '../clock';
import { lockUserRow } from '../db/dialect';
import type { Db } from '../db/open-database';
import { hashBearerSecret, newBearerSecret } from '../security/bearer-secret';

/**
 * Issues a ticket proving the user just typed the current password. Older tickets of the user go:
 * only the newest verification counts. Call it inside a transaction: the user's row is locked so
 * that two verifications on two instances cannot each delete nothing and leave two live tickets.
 * Returns the ticket, which exists only in this answer.
 */
export async function issuePasswordTicket(db: Db, userId: string, now: Date, minutes: number): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = newBearerSecret();
  const expiresAt = addMinutes(now, minutes);
  await lockUserRow(db, userId);
  await db.deleteFrom('password_tickets').where('user_id', '=', userId).execute();
  await db
    .insertInto('password_tickets')
    .values({ ticket_hash: hashBearerSecret(ticket), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), spent_at: null })
    .execute();
  return { ticket, expiresAt };
}

/** Live = issued to this user, not spent, not expired. */
export async function isPasswordTicketLive(db: Db, userId: string, ticket: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('password_tickets')
    .selectAll()
    .where('ticket_hash', '=', hashBearerSecret(ticket))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined && row.spent_at === null && now < new Date(row.expires_at);
}

/**
 * Spends the ticket inside the update's transaction; false when it is no longer live (another
 * update spent it first). Conditional UPDATE, so two updates cannot both spend it.
 */
export async function spendPasswordTicket(db: Db, userId: string, ticket: string, now: Date): Promise<boolean> {
  if (!(await isPasswordTicketLive(db, userId, ticket, now))) return false;
  const result = await db
    .updateTable('password_tickets')
    .set({ spent_at: now.toISOString() })
    .where('ticket_hash', '=', hashBearerSecret(ticket))
    .where('user_id', '=', userId)
    .where('spent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
