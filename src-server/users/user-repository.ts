import type { Db } from '../db/open-database';
import { precompiled } from '../db/precompiled';
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

// The PUT's write of the contact columns (the common case: same address, no new password), compiled
// once. The address is left out of the SET when it stays: its unique index is then not rewritten.
const writeContactColumns = precompiled(
  13,
  (
    db: Db,
    userId: string,
    expectedVersion: number,
    nextVersion: number,
    updatedAt: string,
    name: string,
    country: string,
    province: string | null,
    city: string | null,
    phone1: string,
    phone2: string | null,
    mobileCarrier: string,
    mobileNumber: string,
    fax: string | null,
  ) =>
    db
      .updateTable('users')
      .set({
        name,
        country,
        province,
        city,
        phone1,
        phone2,
        mobile_carrier: mobileCarrier,
        mobile_number: mobileNumber,
        fax,
        version: nextVersion,
        updated_at: updatedAt,
      })
      .where('user_id', '=', userId)
      .where('version', '=', expectedVersion)
      .returningAll(),
);

/**
 * Writes a registration change if the row is still at `expectedVersion` (optimistic concurrency)
 * and returns the row as written (UPDATE … RETURNING: no read after the write); undefined when
 * another writer got there first. On PostgreSQL the UPDATE waits for a concurrent one on the row,
 * then re-checks the version, so exactly one of them wins.
 */
export async function writeRegistration(
  db: Db,
  userId: string,
  expectedVersion: number,
  columns: RegistrationColumns,
  at: Date,
): Promise<UserRow | undefined> {
  const updatedAt = at.toISOString();
  const c = columns;
  if (isContactSet(c)) {
    const { rows } = await writeContactColumns(
      db,
      userId,
      expectedVersion,
      expectedVersion + 1,
      updatedAt,
      c.name,
      c.country,
      c.province,
      c.city,
      c.phone1,
      c.phone2,
      c.mobile_carrier,
      c.mobile_number,
      c.fax,
    );
    return rows[0];
  }
  return db
    .updateTable('users')
    .set({ ...columns, version: expectedVersion + 1, updated_at: updatedAt })
    .where('user_id', '=', userId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

const CONTACT_KEYS = ['name', 'country', 'province', 'city', 'phone1', 'phone2', 'mobile_carrier', 'mobile_number', 'fax'] as const;

/** Exactly the contact columns, each given (undefined would mean "leave as is" in Kysely's set()). */
function isContactSet(c: RegistrationColumns): c is Required<Pick<RegistrationColumns, (typeof CONTACT_KEYS)[number]>> {
  const keys = Object.keys(c);
  return keys.length === CONTACT_KEYS.length && CONTACT_KEYS.every((k) => c[k] !== undefined);
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
