import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';

/**
 * Issue #28 ("Mi cuenta"): each session gets a public id (the token's hash stays the lookup key and is never shown),
 * the workstation the app said it runs on (X-Ecuapass-Device: host, OS, app version; informational only) and the
 * client's IP address; each audit row gets the same device description and IP. "Actividad de la cuenta" pages
 * newest first by id (keyset), per user and optionally per action: two indexes serve exactly those scans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sessions = db.schema.alterTable('sessions');
  await sessions.addColumn('id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('device_host', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('device_os', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('device_app', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
  // Who ended a revoked session: 'self' (its own logout or lock) or 'other' (closed from another session, or by a
  // password or e-mail change made there); the app says "Su sesión se cerró desde otro equipo" for 'other' only.
  await db.schema.alterTable('sessions').addColumn('revoked_by', 'text').execute();
  // Sessions of before this migration get an id each (one statement per row: there are few, and ids are random).
  const typed = db as unknown as Kysely<{ sessions: { token_hash: string; id: string | null } }>;
  for (const { token_hash } of await typed.selectFrom('sessions').select('token_hash').execute()) {
    await typed.updateTable('sessions').set({ id: randomUUID() }).where('token_hash', '=', token_hash).execute();
  }
  await db.schema.createIndex('sessions_id_unique').on('sessions').column('id').unique().execute();

  // JSON {host, os, app} as the app described itself, or null (a call without the header, the seed).
  await db.schema.alterTable('audit_log').addColumn('device', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('ip', 'text').execute();
  await db.schema.createIndex('audit_log_user_id_id').on('audit_log').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('audit_log_user_id_action_id').on('audit_log').columns(['user_id', 'action', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_user_id_action_id').execute();
  await db.schema.dropIndex('audit_log_user_id_id').execute();
  await db.schema.alterTable('audit_log').dropColumn('ip').execute();
  await db.schema.alterTable('audit_log').dropColumn('device').execute();
  await db.schema.dropIndex('sessions_id_unique').execute();
  for (const column of ['revoked_by', 'ip', 'device_app', 'device_os', 'device_host', 'id']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute();
  }
}
