import { randomBytes } from 'node:crypto';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { UserRow } from '../db/schema';
import type { GeneralUserLimits } from '../general-user/limits';
import { AppError } from '../http/app-error';
import { automaticKeyUsedNotice } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import { clearTries, normalisedSubject } from '../security/attempt-lock';
import { automaticKeyMatches, dummyAutomaticKeyHash, looksLikeAutomaticKey } from '../security/automatic-key';
import { hashPassword } from '../security/password-hash';
import { revokeAllSessions } from '../sessions/session-store';
import { revokeDeviceTokens } from '../security/device-token';
import { findUser } from '../users/user-repository';
import { findLiveAutomaticKey, reserveAutomaticKeyTry, spendAutomaticKey } from './reset-store';
import type { FastifyBaseLogger } from 'fastify';

type Deps = { db: Db; clock: Clock; generalUserLimits: GeneralUserLimits; mailer: Mailer; log: FastifyBaseLogger };

/**
 * The login's second chance (issue 27): the typed password checked against the user's pending automatic key. Each
 * check is counted on the key before the hash (parallel guesses get at most automaticKeyMaxTries checks; the last
 * wrong one kills the key). The right key is spent once, and in one transaction the old password stops working (it
 * is replaced by a hash of random bytes: only the forced change sets a usable one), every session of the user ends,
 * and the audit row is written; the login counter is cleared (the key proved the mailbox) and a notice goes to the
 * registered address. Only a key-shaped password is checked, and it costs one key check whether or not the user
 * exists or has a key pending. Returns the user, or undefined when there is no key or it did not match.
 */
export async function logInWithAutomaticKey(deps: Deps, userId: string, typed: string): Promise<UserRow | undefined> {
  const { db, clock, generalUserLimits: limits } = deps;
  if (!looksLikeAutomaticKey(typed)) return undefined;
  const user = await findUser(db, userId);
  const reset = user ? await findLiveAutomaticKey(db, user.user_id, clock.now(), limits.automaticKeyMaxTries) : undefined;
  const reserved = user && reset ? await reserveAutomaticKeyTry(db, user.user_id, reset.key_hash, limits.automaticKeyMaxTries) : false;
  if (!user || !reset || !reserved) {
    // A key-shaped password costs one key check whether or not a key is pending: the time tells nothing.
    await dummyAutomaticKeyHash();
    return undefined;
  }
  if (!(await automaticKeyMatches(user.user_id, typed, reset.key_hash))) return undefined;
  if (user.deactivated_at !== null) throw new AppError('ACCOUNT_DEACTIVATED');

  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const now = clock.now();
  const spent = await db.transaction().execute(async (trx) => {
    if (!(await spendAutomaticKey(trx, user.user_id, reset.key_hash, now))) return false;
    await trx.updateTable('users').set({ password_hash: unusable, updated_at: now.toISOString() }).where('user_id', '=', user.user_id).execute();
    await revokeAllSessions(trx, user.user_id, now);
    // The password is replaced: no device vouches for the user any more (this one gets a fresh token with its session).
    await revokeDeviceTokens(trx, user.user_id, now);
    await trx.deleteFrom('password_tickets').where('user_id', '=', user.user_id).execute();
    await writeAudit(trx, { userId: user.user_id, at: now, action: 'password_reset.used', fields: ['password', 'sessions'] });
    return true;
  });
  // A parallel login spent it first: this one is a wrong password.
  if (!spent) return undefined;
  await clearTries(db, 'login', normalisedSubject(userId));
  try {
    await deps.mailer.send(automaticKeyUsedNotice({ to: user.email, userId: user.user_id, at: now }));
  } catch (err) {
    deps.log.error({ err, userId: user.user_id }, 'automatic key notice not sent');
  }
  return user;
}
