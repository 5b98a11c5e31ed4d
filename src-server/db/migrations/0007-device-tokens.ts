import { type Kysely } from 'kysely';

/**
 * Issue #30: trusted devices (OWASP "device cookie", security/device-token.ts). One row per token the backend has
 * issued: the token itself is never stored, only its sha256, so a copy of the database cannot pose as a device.
 * Rows are revoked with the user's sessions on a password change and pruned when they expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('device_tokens_user_idx').on('device_tokens').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('device_tokens').execute();
}
