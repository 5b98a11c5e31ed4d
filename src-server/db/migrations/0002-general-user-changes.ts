import { type Kysely, sql } from 'kysely';
import { addSerialId } from '../serial-id';
import { issuedAndExpires, onePerUser, ownedByUser } from '../migration-columns';

/**
 * Phase 2 (the screen's flows, docs/instructivo.md §4.2, §4.5): password-change tickets, e-mail
 * security codes with their send log (rate limits), the lock of "Verificar contraseña", and the
 * sandbox mailbox. Secrets are stored
 * only as hashes; the mailbox is the sandbox's stand-in for the user's inbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // "Verificar contraseña" has its own failure count, separate from login's (docs/instructivo.md §9).
  await db.schema
    .alterTable('users')
    .addColumn('password_check_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('password_check_locked_until', 'text').execute();

  await issuedAndExpires(ownedByUser(db.schema.createTable('password_tickets').addColumn('ticket_hash', 'text', (c) => c.primaryKey())))
    .addColumn('spent_at', 'text')
    .execute();
  await db.schema.createIndex('password_tickets_user_id').on('password_tickets').column('user_id').execute();

  // One row per user: a new code replaces the previous one.
  await issuedAndExpires(
    onePerUser(db.schema.createTable('email_security_codes'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull()),
  )
    .addColumn('failed_tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spent_at', 'text')
    .execute();

  // Codes actually sent, for the per-user rate limits (1 a minute, 5 an hour).
  await ownedByUser(addSerialId(db, db.schema.createTable('security_code_sends')))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('security_code_sends_user').on('security_code_sends').columns(['user_id', 'sent_at']).execute();

  await addSerialId(db, db.schema.createTable('sandbox_mailbox'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_mailbox').execute();
  await db.schema.dropTable('security_code_sends').execute();
  await db.schema.dropTable('email_security_codes').execute();
  await db.schema.dropTable('password_tickets').execute();
  await db.schema.alterTable('users').dropColumn('password_check_locked_until').execute();
  await db.schema.alterTable('users').dropColumn('password_check_failures').execute();
}
