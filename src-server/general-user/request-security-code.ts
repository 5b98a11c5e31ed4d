import type { FastifyBaseLogger } from 'fastify';
import { addMinutes, type Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { securityCodeMail } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import { hashSecurityCode, newSecurityCode } from '../security/security-code';
import { isEmailAvailable } from './email-availability';
import type { GeneralUserLimits } from './limits';
import { SERVER_MSG } from './messages';
import { releaseSendSlot, saveSecurityCode, takeSendSlot } from './security-code-store';

type Deps = { db: Db; clock: Clock; limits: GeneralUserLimits; mailer: Mailer; log: FastifyBaseLogger };

/**
 * POST /general-user/email/security-code (docs/instructivo.md §4.5). Order: 409 when the address is taken,
 * then 429 when the user is over the send limits, then the mail. The mail is in the mailbox or
 * accepted by SMTP before this resolves (so before the 202); a failed send gives the slot back,
 * keeps the previous code, and answers 503 with a Spanish message.
 */
export async function requestSecurityCode(deps: Deps, userId: string, rawEmail: string): Promise<{ expiresAt: Date }> {
  const email = rawEmail.toLowerCase();
  if (!(await isEmailAvailable(deps.db, email))) throw new AppError('EMAIL_UNAVAILABLE');

  const taken = await takeSendSlot(deps.db, userId, deps.clock.now(), deps.limits);
  if ('limited' in taken) {
    const message = taken.limited === 'minute' ? SERVER_MSG.securityCodeTooSoon : SERVER_MSG.securityCodeHourlyLimit;
    // Bound to "Ingrese código de seguridad", the field the user is waiting to fill.
    throw new AppError('RATE_LIMITED', { securityCode: message }, message);
  }
  const slot = taken.slotId;
  const code = newSecurityCode();
  let codeHash: string;
  try {
    codeHash = await hashSecurityCode(userId, email, code);
    await deps.mailer.send(securityCodeMail({ to: email, userId, code, validMinutes: deps.limits.securityCodeMinutes }));
  } catch (err) {
    await releaseSendSlot(deps.db, slot);
    deps.log.error({ err, userId, mailer: deps.mailer.kind }, 'security code mail not sent');
    throw new AppError('INTERNAL', undefined, SERVER_MSG.securityCodeMailFailed, 503);
  }
  // The validity starts when the mail has left, which is when the user can start reading it.
  const sentAt = deps.clock.now();
  const expiresAt = addMinutes(sentAt, deps.limits.securityCodeMinutes);
  await saveSecurityCode(deps.db, { userId, email, codeHash, createdAt: sentAt, expiresAt });
  deps.log.info({ userId }, 'security code sent');
  return { expiresAt };
}
