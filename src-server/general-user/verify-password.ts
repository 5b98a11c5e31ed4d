import { addMinutes, type Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { verifyPassword } from '../security/password-hash';
import { isLocked } from '../sessions/login-policy';
import { findUser } from '../users/user-repository';
import type { GeneralUserLimits } from './limits';
import { SERVER_MSG } from './messages';
import { issuePasswordTicket } from './password-tickets';

type Deps = { db: Db; clock: Clock; limits: GeneralUserLimits };

const rateLimited = () => new AppError('RATE_LIMITED', undefined, SERVER_MSG.passwordCheckLocked);

/** Records a wrong current password; the one that reaches the limit locks the check. Returns whether it is now locked. */
async function recordWrongPassword(deps: Deps, userId: string, now: Date): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['password_check_failures', 'password_check_locked_until'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    if (isLocked(row.password_check_locked_until, now)) return true;
    // A lock that has run out starts the count again.
    const failures = (row.password_check_locked_until !== null ? 0 : row.password_check_failures) + 1;
    const lockedUntil =
      failures >= deps.limits.maxWrongPasswordChecks ? addMinutes(now, deps.limits.passwordCheckLockMinutes).toISOString() : null;
    await trx
      .updateTable('users')
      .set({ password_check_failures: failures, password_check_locked_until: lockedUntil })
      .where('user_id', '=', userId)
      .execute();
    return lockedUntil !== null;
  });
}

/**
 * POST /general-user/password/verify (design §5 "Contraseña anterior"): the right current password
 * gets a ticket valid `passwordTicketMinutes`; wrong ones count, and `maxWrongPasswordChecks` in a
 * row lock the check for `passwordCheckLockMinutes` (429, even with the right password). This is
 * separate from the login lock: a session holder guessing here does not lock the login, and vice versa.
 */
export async function verifyCurrentPassword(deps: Deps, userId: string, currentPassword: string): Promise<{ ticket: string; expiresAt: Date }> {
  const user = await findUser(deps.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (isLocked(user.password_check_locked_until, deps.clock.now())) throw rateLimited();

  const ok = await verifyPassword(currentPassword, user.password_hash);
  const now = deps.clock.now();
  if (!ok) {
    const locked = await recordWrongPassword(deps, userId, now);
    throw locked ? rateLimited() : new AppError('WRONG_PASSWORD');
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select('password_check_locked_until').where('user_id', '=', userId).executeTakeFirstOrThrow();
    // A parallel wrong attempt may have locked the check while this one was hashing: the lock wins.
    if (isLocked(row.password_check_locked_until, now)) throw rateLimited();
    await trx.updateTable('users').set({ password_check_failures: 0, password_check_locked_until: null }).where('user_id', '=', userId).execute();
    return issuePasswordTicket(trx, userId, now, deps.limits.passwordTicketMinutes);
  });
}
