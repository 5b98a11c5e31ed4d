import type { FastifyBaseLogger } from 'fastify';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { registrationChangeNotice } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import { hashPassword } from '../security/password-hash';
import type { AuthenticatedSession } from '../sessions/authenticator';
import { revokeOtherSessions } from '../sessions/session-store';
import { revokeDeviceTokens } from '../security/device-token';

type Deps = { db: Db; clock: Clock; mailer: Mailer; log: FastifyBaseLogger };

/**
 * POST /general-user/password/forced-change ("Cambio de clave obligatorio", issue 27): only a session opened with an
 * automatic key may use it (else 409 PASSWORD_CHANGE_NOT_REQUIRED). The body was checked with the password policy
 * for this user. One transaction: the new password, the session's mark cleared (every route answers again), every
 * other session ended, the audit row; then the notice to the registered address.
 */
export async function forcedPasswordChange(deps: Deps, session: AuthenticatedSession, newPassword: string): Promise<void> {
  if (!session.passwordChangeRequired) throw new AppError('PASSWORD_CHANGE_NOT_REQUIRED');
  const passwordHash = await hashPassword(newPassword);
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    const cleared = await trx
      .updateTable('sessions')
      .set({ must_change_password: 0 })
      .where('token_hash', '=', session.tokenHash)
      .where('must_change_password', '=', 1)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) !== 1) return false;
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('user_id', '=', session.userId).execute();
    await revokeOtherSessions(trx, session.userId, session.tokenHash, now);
    // A new password: no device vouches for the user any more (docs/architecture.md §5, trusted devices).
    await revokeDeviceTokens(trx, session.userId, now);
    await writeAudit(trx, { userId: session.userId, at: now, action: 'password_reset.completed', fields: ['password', 'sessions'] });
    return true;
  });
  // A parallel forced change on this session got there first.
  if (!done) throw new AppError('PASSWORD_CHANGE_NOT_REQUIRED');
  try {
    await deps.mailer.send(registrationChangeNotice({ to: session.user.email, userId: session.userId, at: now, passwordChanged: true }));
  } catch (err) {
    deps.log.error({ err, userId: session.userId }, 'password change notice not sent');
  }
}
