import type { Db } from '../db/open-database';

export interface AuditEntry {
  userId: string;
  at: Date;
  /** What happened, e.g. `registration.update`. */
  action: string;
  /** Names of the changed fields, never their values (design §5: never secrets). */
  fields: readonly string[];
}

/** Writes one audit row; call it inside the transaction of the change it describes. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ user_id: entry.userId, at: entry.at.toISOString(), action: entry.action, fields: JSON.stringify(entry.fields) })
    .execute();
}
