import type { TwoFactorStatus } from '../../src-shared/contract';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { GeneralUserLimits } from '../general-user/limits';
import { SERVER_MSG } from '../general-user/messages';
import { AppError } from '../http/app-error';
import { clearTries, reserveTry } from '../security/attempt-lock';
import { hashRecoveryCode, newRecoveryCodes } from '../security/automatic-key';
import { verifyPassword } from '../security/password-hash';
import { findUser } from '../users/user-repository';
import { newTotpSecret, otpauthUri, stepOfCode } from './totp';
import { activeTotpSecret, checkSecondFactor } from './two-factor-store';

type Deps = { db: Db; clock: Clock; limits: GeneralUserLimits };

/** Wrong confirmation codes, and wrong password-or-code pairs when turning it off, share the "Verificar" limits. */
const policyOf = (limits: GeneralUserLimits) => ({ maxTries: limits.maxWrongPasswordChecks, lockMinutes: limits.passwordCheckLockMinutes });
const rateLimited = (limits: GeneralUserLimits) => new AppError('RATE_LIMITED', undefined, SERVER_MSG.passwordCheckLocked(limits.passwordCheckLockMinutes));

/** GET /general-user/two-factor. */
export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
  const row = await db.selectFrom('two_factor').select(['secret', 'enabled_at']).where('user_id', '=', userId).executeTakeFirst();
  const left = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  const enabled = row?.secret != null;
  return { enabled, enabledAt: enabled ? (row?.enabled_at ?? null) : null, recoveryCodesLeft: enabled ? Number(left.n) : 0 };
}

/**
 * POST /general-user/two-factor/enrolment: a new secret, held server-side as pending (a new enrolment replaces it)
 * until one code confirms it; 409 when it is already on.
 */
export async function startEnrolment(deps: Deps, userId: string): Promise<{ secret: string; otpauthUri: string }> {
  if ((await activeTotpSecret(deps.db, userId)) !== undefined) throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
  const secret = newTotpSecret();
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('two_factor')
    .values({ user_id: userId, secret: null, enabled_at: null, pending_secret: secret, pending_created_at: now, last_step: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret: secret, pending_created_at: now }).where('two_factor.secret', 'is', null))
    .execute();
  return { secret, otpauthUri: otpauthUri(secret, userId) };
}

/**
 * POST /general-user/two-factor/confirmation {code}: the code must be right for the pending secret (counted like
 * "Verificar contraseña"); then, in one transaction, the secret is in force, its step spent, and 10 new recovery
 * codes (hashed) replace any old ones. The codes are in this answer only.
 */
export async function confirmEnrolment(deps: Deps, userId: string, code: string): Promise<string[]> {
  const { db, clock, limits } = deps;
  const row = await db.selectFrom('two_factor').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (row?.secret != null) throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
  if (!row?.pending_secret) throw new AppError('TWO_FACTOR_NOT_ENABLED');
  const reservation = await reserveTry(db, 'two-factor', userId, policyOf(limits), clock.now());
  if (!reservation.allowed) throw rateLimited(limits);
  const step = stepOfCode(row.pending_secret, code, clock.now());
  if (step === null) throw reservation.lastTry ? rateLimited(limits) : new AppError('VERIFICATION_CODE_INVALID');
  await clearTries(db, 'two-factor', userId);

  const codes = newRecoveryCodes();
  const now = clock.now();
  const enabled = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('two_factor')
      .set({ secret: row.pending_secret, enabled_at: now.toISOString(), pending_secret: null, pending_created_at: null, last_step: step })
      .where('user_id', '=', userId)
      .where('pending_secret', '=', row.pending_secret)
      .where('secret', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx.insertInto('recovery_codes').values(codes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(userId, c), used_at: null }))).execute();
    await writeAudit(trx, { userId, at: now, action: 'two_factor.enabled', fields: ['two_factor'] });
    return true;
  });
  // A parallel confirmation (or a new enrolment) won.
  if (!enabled) throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
  return codes;
}

/**
 * POST /general-user/two-factor/deactivation {password, code}: both must be right (one try counted before either is
 * checked, on the "Verificar" counter); then the secret and the recovery codes go. Reiniciar clave never does this.
 */
export async function disableTwoFactor(deps: Deps, userId: string, password: string, code: string): Promise<void> {
  const { db, clock, limits } = deps;
  if ((await activeTotpSecret(db, userId)) === undefined) throw new AppError('TWO_FACTOR_NOT_ENABLED');
  const reservation = await reserveTry(db, 'verify', userId, policyOf(limits), clock.now());
  if (!reservation.allowed) throw rateLimited(limits);
  const user = await findUser(db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const passwordOk = await verifyPassword(password, user.password_hash);
  if (!passwordOk) throw reservation.lastTry ? rateLimited(limits) : new AppError('WRONG_PASSWORD', { password: SERVER_MSG.wrongPassword });
  const factor = await checkSecondFactor(db, userId, code, clock.now());
  if (!factor) throw reservation.lastTry ? rateLimited(limits) : new AppError('VERIFICATION_CODE_INVALID');
  await clearTries(db, 'verify', userId);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await writeAudit(trx, { userId, at: now, action: 'two_factor.disabled', fields: ['two_factor'] });
  });
}
