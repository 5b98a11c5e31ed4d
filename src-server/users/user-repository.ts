import type { Db } from '../db/open-database';
import type { UserRow, UsersTable } from '../db/schema';

// The users table's queries for the request flows (login and its counters aside: sessions/ and
// security/ own those columns). A flow passes its transaction as `db`.

export function findUser(db: Db, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export type RegistrationColumns = Partial<Pick<
  UsersTable,
  'name' | 'country' | 'province' | 'city' | 'phone1' | 'phone2' | 'mobile_carrier' | 'mobile_number' | 'fax' | 'email' | 'password_hash'
>>;

/**
 * Writes a registration change if the row is still at `expectedVersion` (optimistic concurrency):
 * false when another writer got there first. On PostgreSQL the UPDATE waits for a concurrent one
 * on the row, then re-checks the version, so exactly one of them wins.
 */
export async function writeRegistration(
  db: Db,
  userId: string,
  expectedVersion: number,
  columns: RegistrationColumns,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...columns, version: expectedVersion + 1, updated_at: at.toISOString() })
    .where('user_id', '=', userId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the user deactivated unless already done: false for the loser of two racing deactivations. */
export async function markUserDeactivated(db: Db, userId: string, reason: string, at: string): Promise<boolean> {
  const marked = await db
    .updateTable('users')
    .set({ deactivated_at: at, deactivation_reason: reason, updated_at: at })
    .where('user_id', '=', userId)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) === 1;
}
