import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { clearTries, normalisedSubject, reserveTry } from '../security/attempt-lock';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password-hash';
import { findUser } from '../users/user-repository';
import { LOGIN_ATTEMPTS } from './login-policy';
import { createSession } from './session-store';
import { sessionExpiryMs, type SessionLimits } from './session-policy';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { userId: string; name: string };
}

/**
 * POST /sessions (docs/architecture.md §5, docs/instructivo.md §9). The try is counted against the
 * normalised ID as typed before anything else, whether or not the ID exists: known and unknown IDs lock alike (401 four times,
 * then 423), and both cost one scrypt (an unknown one against a fixed dummy hash). A locked ID gets
 * 423 without hashing, even with the right password; the right password of a deactivated user
 * gets 403.
 */
export async function logIn(
  deps: { db: Db; clock: Clock; sessionLimits: SessionLimits },
  userId: string,
  password: string,
): Promise<LoginResult> {
  const { db, clock } = deps;
  const subject = normalisedSubject(userId);
  const reservation = await reserveTry(db, 'login', subject, LOGIN_ATTEMPTS, clock.now());
  if (!reservation.allowed) throw new AppError('ACCOUNT_LOCKED');

  const user = await findUser(db, userId);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) throw new AppError(reservation.lastTry ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');

  await clearTries(db, 'login', subject);
  if (user.deactivated_at !== null) throw new AppError('ACCOUNT_DEACTIVATED');
  // Read the time after hashing: the session starts when the answer is decided.
  const { token, row } = await createSession(db, user.user_id, clock.now());
  const expiresAt = new Date(sessionExpiryMs({ createdAtMs: Date.parse(row.created_at), lastSeenAtMs: Date.parse(row.last_seen_at) }, deps.sessionLimits));
  return { token, expiresAt, user: { userId: user.user_id, name: user.name } };
}
