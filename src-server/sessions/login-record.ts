import type { FastifyBaseLogger } from 'fastify';
import { writeAudit } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import type { UserRow } from '../db/schema';
import type { RequestOrigin } from '../http/request-origin';
import { newDeviceLoginNotice } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import { hasAnySession, hasUsedDevice } from './session-store';

/**
 * What a login leaves in the account's trail (issue #28), kept apart from the login's own checks (login.ts,
 * login-policy.ts): the audit rows of "Actividad de la cuenta" and the "Nuevo ingreso a su cuenta" mail.
 * Failures of an ID that does not exist are audited nowhere (there is no account to show them in).
 */

/** Before the new session is written: whether this login comes from a workstation the user has not used. */
export async function isNewDevice(db: Db, userId: string, origin: RequestOrigin | undefined): Promise<boolean> {
  const host = origin?.device.host;
  // No description (a client that is not the app): nothing to compare. The very first login has no earlier device.
  if (!host || !(await hasAnySession(db, userId))) return false;
  return !(await hasUsedDevice(db, userId, host, origin.device.os));
}

export async function auditLogin(db: Db, userId: string, at: Date, origin: RequestOrigin | undefined): Promise<void> {
  await writeAudit(db, { userId, at, action: 'session.login', fields: [], ...(origin ? { origin } : {}) });
}

/** A wrong password for an existing, active user; `locked` when this try locked the ID. */
export async function auditFailedLogin(db: Db, userId: string, at: Date, locked: boolean, origin: RequestOrigin | undefined): Promise<void> {
  await writeAudit(db, { userId, at, action: locked ? 'session.locked' : 'session.login_failed', fields: [], ...(origin ? { origin } : {}) });
}

/** After the login answered: a failed mail is logged, the login stands. */
export async function sendNewDeviceNotice(deps: { mailer: Mailer; log: FastifyBaseLogger }, user: UserRow, at: Date, origin: RequestOrigin): Promise<void> {
  try {
    await deps.mailer.send(
      newDeviceLoginNotice({ to: user.email, userId: user.user_id, at, host: origin.device.host ?? '', os: origin.device.os, ip: origin.ip }),
    );
  } catch (err) {
    deps.log.error({ err, userId: user.user_id }, 'new-device login notice not sent');
  }
}
