import type { Db } from '../db/open-database';
import { precompiled } from '../db/precompiled';
import type { AuditAction } from '../../src-shared/contract/audit-actions';
import type { RequestOrigin } from '../http/request-origin';

export interface AuditEntry {
  userId: string;
  at: Date;
  /** What happened (src-shared/contract/audit-actions.ts). */
  action: AuditAction;
  /** Names of the changed fields, never their values: no secret is ever audited. */
  fields: readonly string[];
  /** The request's workstation description and IP ("Actividad de la cuenta"); absent for work with no request (the seed). */
  origin?: RequestOrigin;
}

const insertAudit = precompiled(6, (db: Db, userId: string, at: string, action: string, fields: string, device: string | null, ip: string | null) =>
  db.insertInto('audit_log').values({ user_id: userId, at, action, fields, device, ip }).returning('id'),
);

/**
 * Writes one audit row and returns its id (the reference number of the constancia); call it inside the transaction
 * of the change it describes.
 */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<number> {
  const device = entry.origin && Object.values(entry.origin.device).some((v) => v !== null) ? JSON.stringify(entry.origin.device) : null;
  const { rows } = await insertAudit(db, entry.userId, entry.at.toISOString(), entry.action, JSON.stringify(entry.fields), device, entry.origin?.ip ?? null);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('audit row written without an id');
  return Number(id);
}
