import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { clearTries, normalisedSubject, reserveTry } from '../security/attempt-lock';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password-hash';
import { findUser } from '../users/user-repository';
import type { FastifyBaseLogger } from 'fastify';
import { writeTransaction } from '../db/group-commit';
import type { RequestOrigin } from '../http/request-origin';
import type { Mailer } from '../mail/mailer';
import { auditFailedLogin, auditLogin, isNewDevice, sendNewDeviceNotice } from './login-record';
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
  deps: { db: Db; clock: Clock; sessionLimits: SessionLimits; mailer?: Mailer; log?: FastifyBaseLogger },
  userId: string,
  password: string,
  /** The app's workstation description and the client's IP, kept with the session and its audit row. */
  origin?: RequestOrigin,
): Promise<LoginResult> {
  const { db, clock } = deps;
  const subject = normalisedSubject(userId);
  const reservation = await reserveTry(db, 'login', subject, LOGIN_ATTEMPTS, clock.now());
  if (!reservation.allowed) throw new AppError('ACCOUNT_LOCKED');

  const user = await findUser(db, userId);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    if (user && user.deactivated_at === null) await auditFailedLogin(db, user.user_id, clock.now(), reservation.lastTry, origin);
    throw new AppError(reservation.lastTry ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }

  await clearTries(db, 'login', subject);
  if (user.deactivated_at !== null) throw new AppError('ACCOUNT_DEACTIVATED');
  // Read the time after hashing: the session starts when the answer is decided.
  const newDevice = await isNewDevice(db, user.user_id, origin);
  const now = clock.now();
  // The session and its audit row together (group commit on SQLite: db/group-commit.ts).
  const { token, row } = await writeTransaction(db, async (trx) => {
    const created = await createSession(trx, user.user_id, now, origin);
    await auditLogin(trx, user.user_id, now, origin);
    return created;
  });
  if (newDevice && origin && deps.mailer && deps.log) await sendNewDeviceNotice({ mailer: deps.mailer, log: deps.log }, user, now, origin);
  const expiresAt = new Date(sessionExpiryMs({ createdAtMs: Date.parse(row.created_at), lastSeenAtMs: Date.parse(row.last_seen_at) }, deps.sessionLimits));
  return { token, expiresAt, user: { userId: user.user_id, name: user.name } };
}
