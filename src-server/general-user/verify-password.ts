import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { clearTries, reserveTry } from '../security/attempt-lock';
import { verifyPassword } from '../security/password-hash';
import { findUser } from '../users/user-repository';
import type { GeneralUserLimits } from './limits';
import { SERVER_MSG } from './messages';
import { issuePasswordTicket } from './password-tickets';

type Deps = { db: Db; clock: Clock; limits: GeneralUserLimits };

const rateLimited = (lockMinutes: number) => new AppError('RATE_LIMITED', undefined, SERVER_MSG.passwordCheckLocked(lockMinutes));

/**
 * POST /general-user/password/verify (instructivo 5.5.1 "Contraseña anterior", docs/instructivo.md
 * §4.2): the right current password gets a ticket valid `passwordTicketMinutes`; `maxWrongPasswordChecks` wrong ones in a row lock the
 * check for `passwordCheckLockMinutes` (429, even with the right password). The try is counted
 * before the hash check by the same mechanism as the login (security/attempt-lock.ts), under its
 * own scope: guessing here does not lock the login, and vice versa.
 */
export async function verifyCurrentPassword(deps: Deps, userId: string, currentPassword: string): Promise<{ ticket: string; expiresAt: Date }> {
  const policy = { maxTries: deps.limits.maxWrongPasswordChecks, lockMinutes: deps.limits.passwordCheckLockMinutes };
  const reservation = await reserveTry(deps.db, 'verify', userId, policy, deps.clock.now());
  if (!reservation.allowed) throw rateLimited(policy.lockMinutes);

  const user = await findUser(deps.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const ok = await verifyPassword(currentPassword, user.password_hash);
  if (!ok) throw reservation.lastTry ? rateLimited(policy.lockMinutes) : new AppError('WRONG_PASSWORD');
  await clearTries(deps.db, 'verify', userId);
  return deps.db.transaction().execute((trx) => issuePasswordTicket(trx, userId, deps.clock.now(), deps.limits.passwordTicketMinutes));
}
