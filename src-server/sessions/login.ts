import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { clearTries, isLocked, normalisedSubject, reserveTry, type AttemptScope } from '../security/attempt-lock';
import { issueDeviceToken, trustedDevice, type TrustedDevice } from '../security/device-token';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password-hash';
import type { PasswordWorkBudget } from '../security/password-work-budget';
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

/** Whose failures a login try counts against: the account's untrusted clients, or one trusted device. */
export interface LoginCounter {
  scope: Extract<AttemptScope, 'login' | 'device'>;
  subject: string;
}

/**
 * POST /sessions (docs/architecture.md §5, docs/instructivo.md §9). The try is counted against `counter` (the
 * normalised ID as typed, or a trusted device: loginCounter) before anything else, whether or not the ID exists:
 * known and unknown IDs lock alike (401 four times, then 423), and both cost one scrypt (an unknown one against a
 * fixed dummy hash). A locked counter gets 423 without hashing, even with the right password; the right password
 * of a deactivated user gets 403.
 */
export async function logIn(
  deps: { db: Db; clock: Clock; sessionLimits: SessionLimits; mailer?: Mailer; log?: FastifyBaseLogger },
  userId: string,
  password: string,
  counter: LoginCounter = { scope: 'login', subject: normalisedSubject(userId) },
  /** The app's workstation description and the client's IP, kept with the session and its audit row. */
  origin?: RequestOrigin,
): Promise<LoginResult> {
  const { db, clock } = deps;
  const reservation = await reserveTry(db, counter.scope, counter.subject, LOGIN_ATTEMPTS, clock.now());
  if (!reservation.allowed) throw new AppError('ACCOUNT_LOCKED');

  const user = await findUser(db, userId);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    if (user && user.deactivated_at === null) await auditFailedLogin(db, user.user_id, clock.now(), reservation.lastTry, origin);
    throw new AppError(reservation.lastTry ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }

  await clearTries(db, counter.scope, counter.subject);
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

type DeviceDeps = { db: Db; clock: Clock; deviceTokenSecret: string; passwordWork: Pick<PasswordWorkBudget, 'hold'> };

/**
 * Trusted devices (OWASP "device cookie", docs/architecture.md §5): who a login try counts against and whose
 * password-work budget it spends. A live device token of this very ID gets the device's own counter and budget
 * unless that token is itself locked (then it is an untrusted client like any other); everything else (no token,
 * a forged, expired, revoked or other user's token) shares the account's counter and the address's budget.
 */
export async function loginAdmission(
  deps: DeviceDeps,
  userId: string,
  deviceHeader: unknown,
  address: string,
): Promise<{ device: TrustedDevice | null; counter: LoginCounter; budgetSource: string }> {
  const subject = normalisedSubject(userId);
  const now = deps.clock.now();
  const device = await trustedDevice(deps.db, deps.deviceTokenSecret, deviceHeader, subject, now);
  if (device && !(await isLocked(deps.db, 'device', device.id, now))) {
    return { device, counter: { scope: 'device', subject: device.id }, budgetSource: `device:${device.id}` };
  }
  const counter: LoginCounter = { scope: 'login', subject };
  // A locked account is answered here, before the try takes any of the address's budget: a flood of tries at
  // a locked ID costs nobody else in the office anything, and a known and an unknown ID spend it alike. The answer
  // is held like a refusal of the budget (the same hold for both), so looping on it gains an attacker nothing.
  if (await isLocked(deps.db, 'login', subject, now)) return deps.passwordWork.hold(new AppError('ACCOUNT_LOCKED'));
  return { device: null, counter, budgetSource: address };
}

/** After a successful login: the device's token for this user, replacing the one it came with. */
export function deviceTokenAfterLogin(deps: DeviceDeps, user: { userId: string }, device: TrustedDevice | null): Promise<string> {
  return issueDeviceToken(deps.db, deps.deviceTokenSecret, { userId: user.userId, subject: normalisedSubject(user.userId) }, deps.clock.now(), device ?? undefined);
}
