import { writeAudit } from '../audit/audit-log';
import type { RequestOrigin } from '../http/request-origin';
import { AppError } from '../http/app-error';
import { clearTries, reserveTry } from '../security/attempt-lock';
import { LOGIN_ATTEMPTS } from '../sessions/login-policy';
import { openSession, type LoginDeps, type LoginResult } from '../sessions/login';
import { findUser } from '../users/user-repository';
import { findLiveChallenge, spendChallenge } from './login-challenge';
import { checkSecondFactor } from './two-factor-store';

/**
 * POST /sessions/verification, the login's "Código de verificación" step (issue 27). Each code is counted on the
 * login's own counter (the ID as typed) before it is checked, so wrong codes and wrong passwords lock together
 * (5 in a row → 423, 15 minutes). A right code (TOTP, once per time step, or an unused recovery code) spends the
 * challenge, clears the count and opens the session. An unknown, spent or expired challenge → 401 VERIFICATION_EXPIRED.
 */
export async function verifyLoginCode(deps: LoginDeps, challenge: string, code: string, origin?: RequestOrigin): Promise<LoginResult> {
  const { db, clock } = deps;
  const row = await findLiveChallenge(db, challenge, clock.now());
  if (!row) throw new AppError('VERIFICATION_EXPIRED');
  const reservation = await reserveTry(db, row.counter_scope, row.subject, LOGIN_ATTEMPTS, clock.now());
  if (!reservation.allowed) throw new AppError('ACCOUNT_LOCKED');
  const user = await findUser(db, row.user_id);
  if (!user || user.deactivated_at !== null) throw new AppError('ACCOUNT_DEACTIVATED');

  const factor = await checkSecondFactor(db, user.user_id, code, clock.now());
  if (!factor) throw new AppError(reservation.lastTry ? 'ACCOUNT_LOCKED' : 'VERIFICATION_CODE_INVALID');
  if (!(await spendChallenge(db, row.challenge_hash, clock.now()))) throw new AppError('VERIFICATION_EXPIRED');
  await clearTries(db, row.counter_scope, row.subject);
  if (factor === 'recovery') await writeAudit(db, { userId: user.user_id, at: clock.now(), action: 'two_factor.recovery_code_used', fields: [] });
  return openSession(deps, user, row.must_change_password === 1, origin);
}
