import type { FastifyBaseLogger } from 'fastify';
import { ERROR_MESSAGES } from '../../src-shared/contract';
import { MSG } from '../../src-shared/registration/messages';
import { isNameCorrection } from '../../src-shared/registration/name-correction';
import type { RegistrationUpdate } from '../../src-shared/registration/update';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/dialect';
import { writeTransaction } from '../db/group-commit';
import type { Db } from '../db/open-database';
import type { EmailSecurityCodeRow, UserRow } from '../db/schema';
import { AppError } from '../http/app-error';
import { registrationChangeNotice } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import type { RequestOrigin } from '../http/request-origin';
import { hashPassword, verifyPassword } from '../security/password-hash';
import { revokeOtherSessions } from '../sessions/session-store';
import { revokeDeviceTokens } from '../security/device-token';
import { findUser, writeRegistration } from '../users/user-repository';
import { changedFieldNames, type EditableColumns } from './changed-fields';
import { checkSecurityCode } from './check-security-code';
import { isEmailAvailable } from './email-availability';
import type { GeneralUserLimits } from './limits';
import { isPasswordTicketLive, spendPasswordTicket } from './password-tickets';
import { spendSecurityCode } from './security-code-store';

type Deps = { db: Db; clock: Clock; limits: GeneralUserLimits; mailer: Mailer; log: FastifyBaseLogger };


function columnsOf(body: RegistrationUpdate, current: UserRow, newEmail: string | undefined): EditableColumns {
  return {
    name: body.name,
    country: body.country,
    province: body.province,
    city: body.city,
    phone1: body.phone1,
    phone2: body.phone2,
    mobile_carrier: body.mobile.carrier,
    mobile_number: body.mobile.number,
    fax: body.fax,
    email: newEmail ?? current.email,
  };
}

/**
 * PUT /general-user/registration (docs/architecture.md §5). `body` has already passed
 * registrationUpdateSchema(userId) (422 for every field rule and read-only field).
 *
 * Error precedence, first failing check wins:
 *   1. 422 VALIDATION_FAILED: the schema (in the route), then "new address = the registered one".
 *   2. 403 PASSWORD_TICKET_INVALID: a passwordChange whose ticket is not live for this user.
 *   3. 422 VALIDATION_FAILED passwordChange.newPassword = the current password. Only after the
 *      ticket, because without that proof the answer would tell a session holder whether a guess
 *      is the current password, bypassing the verify endpoint's lockout.
 *   4. 400 SECURITY_CODE_INVALID / 410 SECURITY_CODE_EXPIRED (a wrong code is counted here, outside
 *      the transaction, so the failed update does not roll the count back).
 *   5. 409 VERSION_CONFLICT: the registration changed since the client read it; the checks below
 *      compare against stored data, which the client has not seen yet.
 *   6. 409 EMAIL_UNAVAILABLE: the address was taken meanwhile.
 *   7. 422 NAME_CHANGE_TOO_LARGE (fields.name): judged against the name the client saw.
 * The ticket and the code are spent only by the transaction that saves the update, so any of
 * these failures leaves them usable for the corrected retry.
 */
export async function updateRegistration(
  deps: Deps,
  userId: string,
  body: RegistrationUpdate,
  /** The session making the change: it stays; a password or e-mail change ends every other one. */
  currentTokenHash: string,
  /** The caller's row as read with the session (the authentication hook), else read here. */
  currentRow?: UserRow,
  /** The request's workstation and IP, for the audit row. */
  origin?: RequestOrigin,
): Promise<{ row: UserRow; auditId: number; at: Date }> {
  const { db, clock } = deps;
  const current = currentRow ?? (await findUser(db, userId));
  if (!current) throw new AppError('UNAUTHENTICATED');

  // keepEmail=true ignores any email fields; the schema requires them when it is false.
  const newEmail = body.keepEmail ? undefined : (body.email ?? '').toLowerCase();
  if (newEmail !== undefined && newEmail === current.email) {
    throw new AppError('VALIDATION_FAILED', { email: MSG.emailSameAsCurrent });
  }

  const passwordChange = body.passwordChange;
  let newPasswordHash: string | undefined;
  if (passwordChange) {
    if (!(await isPasswordTicketLive(db, userId, passwordChange.ticket, clock.now()))) throw new AppError('PASSWORD_TICKET_INVALID');
    if (await verifyPassword(passwordChange.newPassword, current.password_hash)) {
      throw new AppError('VALIDATION_FAILED', { 'passwordChange.newPassword': MSG.passwordSameAsCurrent });
    }
    // Hash before the transaction: scrypt takes tens of milliseconds and SQLite has one writer.
    newPasswordHash = await hashPassword(passwordChange.newPassword);
  }

  let code: EmailSecurityCodeRow | undefined;
  if (newEmail !== undefined) code = await checkSecurityCode(deps, userId, newEmail, body.securityCode ?? '');

  // The registration changed since the client read it. `current` is that version's row, and the
  // UPDATE below writes only if the row is still at it (every change of a users row that matters here,
  // the password and a seed reset included, moves the version), so the checks below may read it
  // instead of reading the row again inside the transaction.
  if (current.version !== body.version) throw new AppError('VERSION_CONFLICT');

  const now = clock.now();
  let saved: { before: UserRow; after: UserRow; auditId: number };
  try {
    // Group commit on SQLite (db/group-commit.ts): answered only once committed, rolled back alone if it fails.
    saved = await writeTransaction(db, async (trx) => {
      const before = current;
      if (newEmail !== undefined && !(await isEmailAvailable(trx, newEmail))) throw new AppError('EMAIL_UNAVAILABLE');
      if (!isNameCorrection(before.name, body.name)) {
        throw new AppError('NAME_CHANGE_TOO_LARGE', { name: ERROR_MESSAGES.NAME_CHANGE_TOO_LARGE });
      }
      if (passwordChange && !(await spendPasswordTicket(trx, userId, passwordChange.ticket, now))) throw new AppError('PASSWORD_TICKET_INVALID');
      if (code && !(await spendSecurityCode(trx, userId, code.code_hash, now, deps.limits.securityCodeMaxTries))) {
        throw new AppError('SECURITY_CODE_INVALID');
      }

      const columns = columnsOf(body, before, newEmail);
      // An address that stays is not written (its unique index is then left alone).
      const { email: _sameEmail, ...contact } = columns;
      const after = await writeRegistration(
        trx,
        userId,
        body.version,
        { ...(newEmail !== undefined ? columns : contact), ...(newPasswordHash ? { password_hash: newPasswordHash } : {}) },
        now,
      );
      // Another writer (another instance, another request of this user) got there first.
      if (!after) throw new AppError('VERSION_CONFLICT');

      // Whoever else holds a session (maybe the one who stole the old password) is logged out, in the
      // same transaction as the change (Keycloak's "sign out other sessions", on by default here).
      if (newEmail !== undefined || newPasswordHash !== undefined) await revokeOtherSessions(trx, userId, currentTokenHash, now);
      // A new password: no device vouches for the user any more (docs/architecture.md §5, trusted devices).
      if (newPasswordHash !== undefined) await revokeDeviceTokens(trx, userId, now);

      const auditId = await writeAudit(trx, {
        userId,
        at: now,
        action: 'registration.update',
        fields: changedFieldNames(before, columns, newPasswordHash !== undefined),
        ...(origin ? { origin } : {}),
      });
      return { before, after, auditId };
    });
  } catch (err) {
    // The unique index is the last word when two users race for one address.
    if (isUniqueViolation(err, 'users_email_lower_unique')) throw new AppError('EMAIL_UNAVAILABLE');
    throw err;
  }

  if (newEmail !== undefined || newPasswordHash !== undefined) {
    await sendChangeNotice(deps, {
      to: saved.before.email,
      userId,
      at: now,
      ...(newEmail !== undefined ? { newEmail } : {}),
      passwordChanged: newPasswordHash !== undefined,
    });
  }
  return { row: saved.after, auditId: saved.auditId, at: now };
}

/**
 * The notice to the previous address goes after the commit: the change is saved whatever happens
 * to the mail, so a failed notice is logged for the operator rather than reported as a failed update.
 */
async function sendChangeNotice(deps: Deps, notice: Parameters<typeof registrationChangeNotice>[0]): Promise<void> {
  try {
    await deps.mailer.send(registrationChangeNotice(notice));
  } catch (err) {
    deps.log.error({ err, userId: notice.userId }, 'registration change notice not sent');
  }
}
