import type { MailboxEntry } from '../../src-shared/contract';
import type { Db } from '../db/open-database';

/**
 * The sandbox mailbox lives in the database so that a code sent before a restart can still be
 * read after it. It is the sandbox's stand-in for the user's inbox: it holds the mail text (a
 * security code included) exactly as an inbox would, and exists only when SMTP_URL is unset.
 */
export async function storeMailboxEntry(db: Db, entry: MailboxEntry): Promise<void> {
  await db
    .insertInto('sandbox_mailbox')
    .values({ to_address: entry.to, subject: entry.subject, text: entry.text, sent_at: entry.sentAt })
    .execute();
}

/** Every stored mail, oldest first (insertion order breaks ties of equal timestamps). */
export async function listMailbox(db: Db): Promise<MailboxEntry[]> {
  const rows = await db.selectFrom('sandbox_mailbox').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ to: r.to_address, subject: r.subject, text: r.text, sentAt: r.sent_at }));
}
