import { sql } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { UsersTable } from '../db/schema';
import { clearAllTriesOf } from '../security/attempt-lock';
import { hashPassword } from '../security/password-hash';
import { SeedError } from './seed-error';
import type { SeedUser } from './seed-schema';

type SeedColumns = Pick<
  UsersTable,
  'id_document' | 'name' | 'country' | 'province' | 'city' | 'phone1' | 'phone2' | 'mobile_carrier' | 'mobile_number' | 'fax' | 'email'
>;

function columnsOf(user: SeedUser): SeedColumns {
  return {
    id_document: user.idDocument,
    name: user.name,
    country: user.country,
    province: user.province,
    city: user.city,
    phone1: user.phone1,
    phone2: user.phone2,
    mobile_carrier: user.mobile.carrier,
    mobile_number: user.mobile.number,
    fax: user.fax,
    email: user.email.toLowerCase(),
  };
}

/**
 * Puts the seed users in the database at start (SANDBOX_SEED, docs/architecture.md §7). An
 * existing user gets the seed's data and password back and is unlocked and reactivated, so the sandbox starts from a known state on
 * every run. One transaction: a seed applies entirely or not at all.
 */
export async function upsertSeedUsers(db: Db, clock: Clock, users: readonly SeedUser[]): Promise<void> {
  // Hash outside the transaction: SQLite has one writer, and scrypt takes tens of milliseconds.
  const hashes = await Promise.all(users.map((u) => hashPassword(u.password)));
  const nowDate = clock.now();
  const now = nowDate.toISOString();

  await db.transaction().execute(async (trx) => {
    for (const [i, user] of users.entries()) {
      const columns = columnsOf(user);
      const owner = await trx
        .selectFrom('users')
        .select('user_id')
        .where(sql<string>`lower(email)`, '=', columns.email)
        .where('user_id', '!=', user.userId)
        .executeTakeFirst();
      if (owner) {
        throw new SeedError(`SANDBOX_SEED: entry ${i + 1} ("${user.userId}"), field "email": already registered by user "${owner.user_id}"`);
      }
      const existing = await trx.selectFrom('users').selectAll().where('user_id', '=', user.userId).executeTakeFirst();
      await clearAllTriesOf(trx, user.userId);
      const reset = {
        password_hash: hashes[i] as string,
        deactivated_at: null,
        deactivation_reason: null,
      };
      if (existing) {
        const changed = (Object.keys(columns) as (keyof SeedColumns)[]).filter((k) => existing[k] !== columns[k]);
        await trx
          .updateTable('users')
          .set({ ...columns, ...reset, version: existing.version + 1, updated_at: now })
          .where('user_id', '=', user.userId)
          .execute();
        await writeAudit(trx, { userId: user.userId, at: nowDate, action: 'sandbox-seed.update', fields: [...changed, 'password_hash'] });
      } else {
        await trx
          .insertInto('users')
          .values({ user_id: user.userId, ...columns, ...reset, version: 1, created_at: now, updated_at: now })
          .execute();
        await writeAudit(trx, { userId: user.userId, at: nowDate, action: 'sandbox-seed.create', fields: Object.keys(columns) });
      }
    }
  });
}
