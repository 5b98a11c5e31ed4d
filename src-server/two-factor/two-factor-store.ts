import { isTotpCode } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { hashRecoveryCode } from '../security/automatic-key';
import { stepOfCode } from './totp';

/** The user's secret in force, or undefined when two-step verification is off. */
export async function activeTotpSecret(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('two_factor').select('secret').where('user_id', '=', userId).executeTakeFirst();
  return row?.secret ?? undefined;
}

/**
 * Checks a "Código de verificación": a TOTP code for the secret in force, accepted only for a time step later than
 * the last one accepted (one conditional UPDATE: a code is never accepted twice, even by parallel requests), or an
 * unused recovery code (spent by one conditional UPDATE). Which one matched, or null.
 */
export async function checkSecondFactor(db: Db, userId: string, code: string, now: Date): Promise<'totp' | 'recovery' | null> {
  if (isTotpCode(code)) {
    const secret = await activeTotpSecret(db, userId);
    const step = secret === undefined ? null : stepOfCode(secret, code, now);
    if (step === null) return null;
    const result = await db
      .updateTable('two_factor')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where('secret', 'is not', null)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? 'totp' : null;
  }
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(userId, code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'recovery' : null;
}
