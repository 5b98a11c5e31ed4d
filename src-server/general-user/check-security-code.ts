import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { EmailSecurityCodeRow } from '../db/schema';
import { AppError } from '../http/app-error';
import { SERVER_MSG } from './messages';
import { securityCodeMatches } from '../security/security-code';
import type { GeneralUserLimits } from './limits';
import { findSecurityCode, refundSecurityCodeTry, reserveSecurityCodeTry } from './security-code-store';

/**
 * Checks the code typed for `email` before the update's transaction (scrypt is slow; SQLite has
 * one writer). No code, a spent one or one killed by wrong tries → 400 SECURITY_CODE_INVALID;
 * expired → 410 SECURITY_CODE_EXPIRED. Every try is counted before the code is checked (so parallel
 * guesses cannot outrun the limit); a wrong code, or a code sent to another address → 400 and the
 * try stays counted (it survives the failed update), the last allowed try kills it; the right code
 * gets its try back.
 * Returns the row, whose hash the transaction then spends.
 */
export async function checkSecurityCode(
  deps: { db: Db; clock: Clock; limits: GeneralUserLimits },
  userId: string,
  email: string,
  code: string,
): Promise<EmailSecurityCodeRow> {
  const row = await findSecurityCode(deps.db, userId);
  if (!row || row.spent_at !== null || row.failed_tries >= deps.limits.securityCodeMaxTries) throw new AppError('SECURITY_CODE_INVALID');
  if (deps.clock.now() >= new Date(row.expires_at)) {
    throw new AppError('SECURITY_CODE_EXPIRED', undefined, SERVER_MSG.securityCodeExpired(deps.limits.securityCodeMinutes));
  }
  if (!(await reserveSecurityCodeTry(deps.db, userId, row.code_hash, deps.clock.now(), deps.limits.securityCodeMaxTries))) {
    throw new AppError('SECURITY_CODE_INVALID');
  }
  const matches = row.email === email.toLowerCase() && (await securityCodeMatches(userId, email, code, row.code_hash));
  if (!matches) throw new AppError('SECURITY_CODE_INVALID');
  await refundSecurityCodeTry(deps.db, userId, row.code_hash);
  return row;
}
