import { type Kysely } from 'kysely';

/**
 * Issue 27: Reiniciar clave and two-step verification (TOTP). Every secret the user proves is stored as a hash
 * (automatic keys, recovery codes, login challenges); the TOTP secret itself must be readable to check a code, so it
 * is kept as issued (docs/architecture.md §5). Portable columns (text, integer) for SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One live automatic key per user: a new request replaces the previous one.
  await db.schema
    .createTable('password_resets')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.user_id').onDelete('cascade'))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // Wrong keys tried against it; at the limit the key is dead.
    .addColumn('failed_tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_at', 'text')
    .execute();

  // A session opened with an automatic key: only the forced change (and logout) works until it is done.
  await db.schema.alterTable('sessions').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('two_factor')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.user_id').onDelete('cascade'))
    // Base32 TOTP secret in force (null while only an enrolment is pending).
    .addColumn('secret', 'text')
    .addColumn('enabled_at', 'text')
    // The enrolment's secret, until one code confirms it.
    .addColumn('pending_secret', 'text')
    .addColumn('pending_created_at', 'text')
    // The last time step a code was accepted for: a code is never accepted twice.
    .addColumn('last_step', 'integer')
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  // The login's second step: a right password (or automatic key) waiting for its code.
  await db.schema
    .createTable('login_challenges')
    .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    // The login counter the password try used (the ID as typed, normalised, or a trusted device): wrong codes count there.
    .addColumn('counter_scope', 'text', (c) => c.notNull().defaultTo('login'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('spent_at', 'text')
    .execute();
  await db.schema.createIndex('login_challenges_user_id').on('login_challenges').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_challenges').execute();
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema.dropTable('two_factor').execute();
  await db.schema.alterTable('sessions').dropColumn('must_change_password').execute();
  await db.schema.dropTable('password_resets').execute();
}
