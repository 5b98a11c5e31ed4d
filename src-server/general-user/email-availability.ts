import { sql } from 'kysely';
import type { Db } from '../db/open-database';

/**
 * An address is available when no user has it registered, the caller and deactivated users
 * included (docs/instructivo.md §4.5). Compared as lower(email), the expression of the unique index, so the
 * check is case-insensitive on both dialects and uses that index.
 */
export async function isEmailAvailable(db: Db, email: string): Promise<boolean> {
  const owner = await db
    .selectFrom('users')
    .select('user_id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return owner === undefined;
}
