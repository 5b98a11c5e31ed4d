import type { FastifyBaseLogger } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { RESET_MSG, type PasswordResetRequest } from '../../src-shared/contract';
import { writeAudit } from '../audit/audit-log';
import { addMinutes, type Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { GeneralUserLimits } from '../general-user/limits';
import { AppError } from '../http/app-error';
import { automaticKeyMail } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import { normalisedSubject, reserveTry } from '../security/attempt-lock';
import { dummyAutomaticKeyHash, hashAutomaticKey, newAutomaticKey } from '../security/automatic-key';
import { findUser } from '../users/user-repository';
import { saveAutomaticKey } from './reset-store';

type Deps = { db: Db; clock: Clock; limits: GeneralUserLimits; mailer: Mailer; log: FastifyBaseLogger };

/**
 * POST /password-resets ("Solicitud de reinicio de clave automática", issue 27). The answer is the same 202, body
 * and time, whether the data matched an active user, matched a deactivated one or matched nothing: the work is the
 * same (one lookup, one scrypt), the answer waits until `resetAnswerMs` after the request arrived, and the mail is
 * sent after the answer. Only a full match (ID.usuario, Doc. Identificación and the registered address) of an active
 * user gets a key; a new key replaces an unused one. Requests are counted per ID.usuario (as typed, known or not)
 * and per client address with the login's counters: over the limit → 429 for everyone alike.
 */
export async function requestPasswordReset(deps: Deps, request: PasswordResetRequest, clientAddress: string, startedAtMs: number): Promise<string> {
  try {
    await handle(deps, request, clientAddress);
  } finally {
    // Also a 429 waits: the limit's answer tells nothing of the data either.
    const wait = deps.limits.resetAnswerMs - (performance.now() - startedAtMs);
    if (wait > 0) await sleep(wait);
  }
  return RESET_MSG.accepted;
}

async function handle(deps: Deps, request: PasswordResetRequest, clientAddress: string): Promise<void> {
  const { db, clock, limits } = deps;
  const policyOf = (maxTries: number) => ({ maxTries, lockMinutes: limits.resetLockMinutes });
  const byAddress = await reserveTry(db, 'reset-address', clientAddress, policyOf(limits.resetsPerAddress), clock.now());
  if (!byAddress.allowed) throw new AppError('RATE_LIMITED');
  const byUser = await reserveTry(db, 'reset-user', normalisedSubject(request.userId), policyOf(limits.resetsPerUser), clock.now());
  if (!byUser.allowed) throw new AppError('RATE_LIMITED');

  const user = await findUser(db, request.userId);
  const matches =
    user !== undefined &&
    user.id_document.trim().toUpperCase() === request.idDocument.toUpperCase() &&
    user.email === request.email.toLowerCase();
  if (!user || !matches || user.deactivated_at !== null) {
    await dummyAutomaticKeyHash();
    if (user) await writeAudit(db, { userId: user.user_id, at: clock.now(), action: 'password_reset.refused', fields: [] });
    return;
  }
  const key = newAutomaticKey();
  const keyHash = await hashAutomaticKey(user.user_id, key);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await saveAutomaticKey(trx, { userId: user.user_id, keyHash, createdAt: now, expiresAt: addMinutes(now, limits.automaticKeyMinutes) });
    await writeAudit(trx, { userId: user.user_id, at: now, action: 'password_reset.requested', fields: ['automatic_key'] });
  });
  // After the answer: a slow SMTP server must not make a match slower than a miss.
  setImmediate(() => {
    deps.mailer
      .send(automaticKeyMail({ to: user.email, userId: user.user_id, key, validMinutes: limits.automaticKeyMinutes }))
      .then(
        () => deps.log.info({ userId: user.user_id }, 'automatic key sent'),
        (err: unknown) => deps.log.error({ err, userId: user.user_id, mailer: deps.mailer.kind }, 'automatic key mail not sent'),
      );
  });
}
