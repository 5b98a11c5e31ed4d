import type { Db } from '../db/open-database';
import { precompiled } from '../db/precompiled';
import type { AuditAction } from '../../src-shared/contract/audit-actions';

export interface AuditEntry {
  userId: string;
  at: Date;
  /** What happened (src-shared/contract/audit-actions.ts). */
  action: AuditAction;
  /** Names of the changed fields, never their values: no secret is ever audited. */
  fields: readonly string[];
}

const insertAudit = precompiled(4, (db: Db, userId: string, at: string, action: string, fields: string) =>
  db.insertInto('audit_log').values({ user_id: userId, at, action, fields }),
);

/** Writes one audit row; call it inside the transaction of the change it describes. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await insertAudit(db, entry.userId, entry.at.toISOString(), entry.action, JSON.stringify(entry.fields));
}
