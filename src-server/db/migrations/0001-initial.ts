import { type Kysely, sql } from 'kysely';
import { addSerialId } from '../serial-id';
import { ownedByUser } from '../migration-columns';

/**
 * Users, their sessions and the audit trail. Only portable column types (the
 * auto-increment key through addSerialId): the same migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('id_document', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('phone1', 'text', (c) => c.notNull())
    .addColumn('phone2', 'text')
    .addColumn('mobile_carrier', 'text', (c) => c.notNull())
    .addColumn('mobile_number', 'text', (c) => c.notNull())
    .addColumn('fax', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('deactivated_at', 'text')
    .addColumn('deactivation_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The application stores emails in lower case; the index makes uniqueness hold under races.
  await db.schema.createIndex('users_email_unique').on('users').column('email').unique().execute();

  await ownedByUser(db.schema.createTable('sessions').addColumn('token_hash', 'text', (c) => c.primaryKey()))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await addSerialId(db, db.schema.createTable('audit_log'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema.createIndex('audit_log_user_id').on('audit_log').columns(['user_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
}
