import type { Db } from '../db/open-database';
import type { UserRow } from '../db/schema';

export function findUser(db: Db, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}
