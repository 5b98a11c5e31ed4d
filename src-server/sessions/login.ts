import type { Clock } from '../clock';
import { addMinutes } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { dummyPasswordHash, verifyPassword } from '../security/password-hash';
import { findUser } from '../users/user-repository';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, isLocked } from './login-policy';
import { createSession } from './session-store';
import { sessionExpiresAt, type SessionLimits } from './session-policy';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { userId: string; name: string };
}

/**
 * Records a wrong password in one transaction: a lock that has run out starts the count again,
 * and the failure that reaches MAX_FAILED_LOGINS locks the user. Returns whether it is now locked.
 */
async function recordFailure(db: Db, userId: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    // Another request may have locked the user while this one was hashing.
    if (isLocked(row.locked_until, now)) return true;
    const failures = (row.locked_until !== null ? 0 : row.failed_logins) + 1;
    const lockedUntil = failures >= MAX_FAILED_LOGINS ? addMinutes(now, LOCK_MINUTES).toISOString() : null;
    await trx
      .updateTable('users')
      .set({ failed_logins: failures, locked_until: lockedUntil })
      .where('user_id', '=', userId)
      .execute();
    return lockedUntil !== null;
  });
}

/**
 * POST /sessions (design §4, §5). Unknown user and wrong password answer alike, and an unknown
 * user still costs one scrypt check so timing does not tell them apart. A locked user gets 423
 * even with the right password; the right password of a deactivated user gets 403.
 */
export async function logIn(
  deps: { db: Db; clock: Clock; limits: SessionLimits },
  userId: string,
  password: string,
): Promise<LoginResult> {
  const { db, clock } = deps;
  const user = await findUser(db, userId);
  if (!user) {
    await verifyPassword(password, await dummyPasswordHash());
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (isLocked(user.locked_until, clock.now())) throw new AppError('ACCOUNT_LOCKED');

  const ok = await verifyPassword(password, user.password_hash);
  // Read the time after hashing: the lock and the session start when the answer is decided.
  const now = clock.now();
  if (!ok) {
    const locked = await recordFailure(db, userId, now);
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (user.deactivated_at !== null) throw new AppError('ACCOUNT_DEACTIVATED');

  const { token, row } = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('users').select(['locked_until']).where('user_id', '=', userId).executeTakeFirstOrThrow();
    // A parallel wrong attempt may have locked the user during the hash check: the lock wins.
    if (isLocked(current.locked_until, now)) throw new AppError('ACCOUNT_LOCKED');
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('user_id', '=', userId).execute();
    return createSession(trx, userId, now);
  });
  const expiresAt = sessionExpiresAt({ createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at) }, deps.limits);
  return { token, expiresAt, user: { userId: user.user_id, name: user.name } };
}
