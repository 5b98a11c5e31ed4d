import { AUDIT_ACTIONS, type AuditAction } from '../../src-shared/contract/audit-actions';
import type { ActivityEvent, ActivityPage, PreviousLogin } from '../../src-shared/contract/account';
import { DeviceInfoSchema, type DeviceInfo } from '../../src-shared/contract/device';
import type { Db } from '../db/open-database';

/**
 * "Actividad de la cuenta" (issue #28): one user's audit trail, newest first, keyset-paged by id. A page is the
 * events with an id below the cursor, so events written meanwhile (higher ids) never shift a later page; the
 * indexes (user_id, id) and (user_id, action, id) of migration 0005 serve both scans.
 */
export async function activityPage(db: Db, userId: string, q: { before?: number; limit: number; type?: AuditAction }): Promise<ActivityPage> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'fields', 'device', 'ip'])
    .where('user_id', '=', userId);
  if (q.type !== undefined) query = query.where('action', '=', q.type);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  // One more than asked: whether there is a next page, without a count.
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const events: ActivityEvent[] = [];
  for (const row of page) {
    if (!isAuditAction(row.action)) continue;
    events.push({ id: Number(row.id), at: row.at, action: row.action, fields: fieldsOf(row.fields), device: deviceOf(row.device), ip: row.ip });
  }
  const last = page.at(-1);
  return { events, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
}

/** The newest login before `before` (the current session's start): "Último ingreso". */
export async function previousLogin(db: Db, userId: string, before: string): Promise<PreviousLogin | null> {
  const row = await db
    .selectFrom('audit_log')
    .select(['at', 'device', 'ip'])
    .where('user_id', '=', userId)
    .where('action', '=', 'session.login')
    .where('at', '<', before)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { at: row.at, device: deviceOf(row.device) ?? { host: null, os: null, app: null }, ip: row.ip } : null;
}

function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

function fieldsOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function deviceOf(json: string | null): DeviceInfo | null {
  if (json === null) return null;
  try {
    return DeviceInfoSchema.safeParse(JSON.parse(json)).data ?? null;
  } catch {
    return null;
  }
}
