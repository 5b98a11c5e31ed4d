import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import { writeTransaction } from '../db/group-commit';
import type { Db } from '../db/open-database';
import type { UserRow } from '../db/schema';
import type { GeneralUserLimits } from '../general-user/limits';
import { AppError } from '../http/app-error';
import type { RequestOrigin } from '../http/request-origin';
import type { Mailer } from '../mail/mailer';
import { logInWithAutomaticKey } from '../password-reset/automatic-key-login';
import { clearTries, isLocked, normalisedSubject, reserveTry } from '../security/attempt-lock';
import { issueDeviceToken, trustedDevice, type TrustedDevice } from '../security/device-token';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password-hash';
import { createLoginChallenge } from '../two-factor/login-challenge';
import { activeTotpSecret } from '../two-factor/two-factor-store';
import { findUser } from '../users/user-repository';
import { accountCounter, type LoginCounter } from './login-counter';
import { auditFailedLogin, auditLogin, isNewDevice, sendNewDeviceNotice } from './login-record';
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
 * POST /sessions (docs/architecture.md §5, docs/instructivo.md §9). The try is counted against `counter` (the
 * normalised ID as typed, or a trusted device: loginAdmission) before anything else, whether or not the ID exists:
 * known and unknown IDs lock alike (401 four times, then 423), and both cost one scrypt (an unknown one against a
 * fixed dummy hash). A locked counter gets 423 without hashing, even with the right password; the right password
 * of a deactivated user gets 403. A pending automatic key (Reiniciar clave) is tried when the password is not
 * right, and also while the counter is locked (it proves the mailbox). With two-step verification on, a right
 * password (or key) answers a challenge instead of a session, and the count is cleared only once the code is right.
 */
export async function logIn(
  deps: LoginDeps,
  userId: string,
  password: string,
  counter: LoginCounter = accountCounter(userId),
  /** The app's workstation description and the client's IP, kept with the session and its audit row. */
  origin?: RequestOrigin,
): Promise<LoginResult | LoginChallengeResult> {
  const { db, clock } = deps;
  const reservation = await reserveTry(db, counter.scope, counter.subject, LOGIN_ATTEMPTS, clock.now());
  if (!reservation.allowed) {
    const viaKey = await logInWithAutomaticKey(deps, userId, password);
    if (viaKey) return finishLogin(deps, viaKey, counter, true, origin);
    throw new AppError('ACCOUNT_LOCKED');
  }

  const user = await findUser(db, userId);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    const viaKey = user ? await logInWithAutomaticKey(deps, userId, password) : undefined;
    if (viaKey) return finishLogin(deps, viaKey, counter, true, origin);
    if (user && user.deactivated_at === null) await auditFailedLogin(db, user.user_id, clock.now(), reservation.lastTry, origin);
    throw new AppError(reservation.lastTry ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (user.deactivated_at !== null) {
    await clearTries(db, counter.scope, counter.subject);
    throw new AppError('ACCOUNT_DEACTIVATED');
  }
  return finishLogin(deps, user, counter, false, origin);
}

/** After the first factor: a challenge when two-step verification is on, else the session. */
async function finishLogin(
  deps: LoginDeps,
  user: UserRow,
  counter: LoginCounter,
  mustChangePassword: boolean,
  origin: RequestOrigin | undefined,
): Promise<LoginResult | LoginChallengeResult> {
  if ((await activeTotpSecret(deps.db, user.user_id)) !== undefined) {
    const { challenge, expiresAt } = await createLoginChallenge(deps.db, {
      userId: user.user_id,
      counter,
      mustChangePassword,
      now: deps.clock.now(),
      minutes: deps.generalUserLimits.loginChallengeMinutes,
    });
    return { kind: 'challenge', challenge, expiresAt };
  }
  await clearTries(deps.db, counter.scope, counter.subject);
  return openSession(deps, user, mustChangePassword, origin);
}

/** The session itself (also the end of the "Código de verificación" step), with its audit row and new-device mail. */
export async function openSession(
  deps: { db: Db; clock: Clock; sessionLimits: SessionLimits; mailer?: Mailer; log?: FastifyBaseLogger },
  user: UserRow,
  mustChangePassword: boolean,
  origin?: RequestOrigin,
): Promise<LoginResult> {
  const { db } = deps;
  const newDevice = await isNewDevice(db, user.user_id, origin);
  // Read the time after hashing: the session starts when the answer is decided.
  const now = deps.clock.now();
  // The session and its audit row together (group commit on SQLite: db/group-commit.ts).
  const { token, row } = await writeTransaction(db, async (trx) => {
    const created = await createSession(trx, user.user_id, now, { origin, mustChangePassword });
    await auditLogin(trx, user.user_id, now, origin);
    return created;
  });
  if (newDevice && origin && deps.mailer && deps.log) await sendNewDeviceNotice({ mailer: deps.mailer, log: deps.log }, user, now, origin);
  const expiresAt = new Date(sessionExpiryMs({ createdAtMs: Date.parse(row.created_at), lastSeenAtMs: Date.parse(row.last_seen_at) }, deps.sessionLimits));
  return { kind: 'session', token, expiresAt, user: { userId: user.user_id, name: user.name }, passwordChangeRequired: mustChangePassword };
}

type DeviceDeps = { db: Db; clock: Clock; deviceTokenSecret: string };

/**
 * Trusted devices (OWASP "device cookie", docs/architecture.md §5): who a login try counts against and whose
 * password-work budget it spends. A live device token of this very ID gets the device's own counter and budget
 * unless that token is itself locked (then it is an untrusted client like any other); everything else (no token,
 * a forged, expired, revoked or other user's token) shares the account's counter and the address's budget.
 * `locked`: the account's counter is locked, so the try needs no password work (only an automatic key can pass)
 * and must not take any of the address's budget: a flood of tries at a locked ID costs nobody else in the office
 * anything, and a known and an unknown ID are answered alike.
 */
export async function loginAdmission(
  deps: DeviceDeps,
  userId: string,
  deviceHeader: unknown,
  address: string,
): Promise<{ device: TrustedDevice | null; counter: LoginCounter; budgetSource: string; locked: boolean }> {
  const subject = normalisedSubject(userId);
  const now = deps.clock.now();
  const device = await trustedDevice(deps.db, deps.deviceTokenSecret, deviceHeader, subject, now);
  if (device && !(await isLocked(deps.db, 'device', device.id, now))) {
    return { device, counter: { scope: 'device', subject: device.id }, budgetSource: `device:${device.id}`, locked: false };
  }
  const locked = await isLocked(deps.db, 'login', subject, now);
  return { device: null, counter: { scope: 'login', subject }, budgetSource: address, locked };
}

/** The device's trusted-device token for this user, if the header holds a live one (the verification step's). */
export function deviceOf(deps: DeviceDeps, userId: string, deviceHeader: unknown): Promise<TrustedDevice | null> {
  return trustedDevice(deps.db, deps.deviceTokenSecret, deviceHeader, normalisedSubject(userId), deps.clock.now());
}

/** After a successful login: the device's token for this user, replacing the one it came with. */
export function deviceTokenAfterLogin(deps: DeviceDeps, user: { userId: string }, device: TrustedDevice | null): Promise<string> {
  return issueDeviceToken(deps.db, deps.deviceTokenSecret, { userId: user.userId, subject: normalisedSubject(user.userId) }, deps.clock.now(), device ?? undefined);
}
