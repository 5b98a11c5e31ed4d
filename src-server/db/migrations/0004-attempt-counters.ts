import { type Kysely } from 'kysely';

/**
 * Issue #11: the login and "Verificar contraseña" lockouts move from columns of `users` to one
 * table keyed by (scope, subject). The subject of a login is the normalised ID.usuario as typed,
 * so an ID that does not exist is counted and locked exactly like one that does (the lockout no
 * longer tells which IDs exist). Columns are portable (text, integer) for SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // Tries counted since the last success or the last expired lock, the one in progress included.
    .addColumn('tries', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addPrimaryKeyConstraint('attempt_counters_pk', ['scope', 'subject'])
    .execute();
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
  await db.schema.alterTable('users').dropColumn('password_check_failures').execute();
  await db.schema.alterTable('users').dropColumn('password_check_locked_until').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
  await db.schema.alterTable('users').addColumn('password_check_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('password_check_locked_until', 'text').execute();
  await db.schema.dropTable('attempt_counters').execute();
}
