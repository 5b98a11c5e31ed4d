import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { UserRow } from '../db/schema';
import type { GeneralUserLimits } from '../general-user/limits';
import { AppError } from '../http/app-error';
import type { Mailer } from '../mail/mailer';
import { logInWithAutomaticKey } from '../password-reset/automatic-key-login';
import { clearTries, normalisedSubject, reserveTry } from '../security/attempt-lock';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password-hash';
import { createLoginChallenge } from '../two-factor/login-challenge';
import { activeTotpSecret } from '../two-factor/two-factor-store';
import { findUser } from '../users/user-repository';
import { LOGIN_ATTEMPTS } from './login-policy';
import { createSession } from './session-store';
import { sessionExpiryMs, type SessionLimits } from './session-policy';

export interface LoginResult {
  kind: 'session';
  token: string;
  expiresAt: Date;
  user: { userId: string; name: string };
  /** Opened with an automatic key: only the forced change works until it is done. */
  passwordChangeRequired: boolean;
}

/** The password was right but the user has two-step verification: POST /sessions/verification finishes. */
export interface LoginChallengeResult {
  kind: 'challenge';
  challenge: string;
  expiresAt: Date;
}

export type LoginDeps = {
  db: Db;
  clock: Clock;
  sessionLimits: SessionLimits;
  generalUserLimits: GeneralUserLimits;
  mailer: Mailer;
  log: FastifyBaseLogger;
};

/**
 * POST /sessions (docs/architecture.md §5, docs/instructivo.md §9). The try is counted against the
 * normalised ID as typed before anything else, whether or not the ID exists: known and unknown IDs lock alike (401 four times,
 * then 423), and both cost one scrypt (an unknown one against a fixed dummy hash). A locked ID gets
 * 423 without hashing, even with the right password; the right password of a deactivated user
 * gets 403. A pending automatic key (Reiniciar clave, issue 27) is tried when the password is not right, and also
 * while the ID is locked (it proves the mailbox). With two-step verification on, a right password (or key) answers
 * a challenge instead of a session, and the count is cleared only once the code is right too.
 */
export async function logIn(deps: LoginDeps, userId: string, password: string): Promise<LoginResult | LoginChallengeResult> {
  const { db, clock } = deps;
  const subject = normalisedSubject(userId);
  const reservation = await reserveTry(db, 'login', subject, LOGIN_ATTEMPTS, clock.now());
  if (!reservation.allowed) {
    const viaKey = await logInWithAutomaticKey(deps, userId, password);
    if (viaKey) return finishLogin(deps, viaKey, subject, true);
    throw new AppError('ACCOUNT_LOCKED');
  }

  const user = await findUser(db, userId);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    const viaKey = await logInWithAutomaticKey(deps, userId, password);
    if (viaKey) return finishLogin(deps, viaKey, subject, true);
    throw new AppError(reservation.lastTry ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (user.deactivated_at !== null) {
    await clearTries(db, 'login', subject);
    throw new AppError('ACCOUNT_DEACTIVATED');
  }
  return finishLogin(deps, user, subject, false);
}

/** After the first factor: a challenge when two-step verification is on, else the session. */
async function finishLogin(deps: LoginDeps, user: UserRow, subject: string, mustChangePassword: boolean): Promise<LoginResult | LoginChallengeResult> {
  if ((await activeTotpSecret(deps.db, user.user_id)) !== undefined) {
    const { challenge, expiresAt } = await createLoginChallenge(deps.db, {
      userId: user.user_id,
      subject,
      mustChangePassword,
      now: deps.clock.now(),
      minutes: deps.generalUserLimits.loginChallengeMinutes,
    });
    return { kind: 'challenge', challenge, expiresAt };
  }
  await clearTries(deps.db, 'login', subject);
  return openSession(deps, user, mustChangePassword);
}

/** The session itself (also the end of the "Código de verificación" step). */
export async function openSession(deps: { db: Db; clock: Clock; sessionLimits: SessionLimits }, user: UserRow, mustChangePassword: boolean): Promise<LoginResult> {
  // Read the time after hashing: the session starts when the answer is decided.
  const { token, row } = await createSession(deps.db, user.user_id, deps.clock.now(), mustChangePassword);
  const expiresAt = new Date(sessionExpiryMs({ createdAtMs: Date.parse(row.created_at), lastSeenAtMs: Date.parse(row.last_seen_at) }, deps.sessionLimits));
  return { kind: 'session', token, expiresAt, user: { userId: user.user_id, name: user.name }, passwordChangeRequired: mustChangePassword };
}
