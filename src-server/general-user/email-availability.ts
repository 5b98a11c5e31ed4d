import type { Db } from '../db/open-database';

/**
 * An address is available when no user has it registered, the caller and deactivated users
 * included (design §5). Emails are stored in lower case, so equality is case-insensitive.
 */
export async function isEmailAvailable(db: Db, email: string): Promise<boolean> {
  const owner = await db.selectFrom('users').select('user_id').where('email', '=', email.toLowerCase()).executeTakeFirst();
  return owner === undefined;
}
