import type { FastifyBaseLogger } from 'fastify';
import { writeAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { findUser, markUserDeactivated } from '../users/user-repository';
import { deactivationMessage, deactivationNotice } from '../mail/mail-texts';
import type { Mailer } from '../mail/mailer';
import type { RequestOrigin } from '../http/request-origin';

type Deps = { db: Db; clock: Clock; mailer: Mailer; log: FastifyBaseLogger };

/**
 * POST /general-user/deactivation (instructivo 5.8 "Dar de baja", docs/instructivo.md §6). One transaction:
 * the user is marked deactivated with the reason and time, every session is revoked (the caller's
 * included), pending tickets and codes are dropped, and the audit row is written. The notice to the
 * user's address follows the commit (a failed notice is logged, the deactivation stands).
 * Returns the Spanish message for the client's information dialog.
 */
export async function deactivateUser(deps: Deps, userId: string, reason: string, origin?: RequestOrigin): Promise<string> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const user = await deps.db.transaction().execute(async (trx) => {
    const row = await findUser(trx, userId);
    // The session hook refuses deactivated users, so this is a deactivation racing another one.
    if (!row || row.deactivated_at !== null) throw new AppError('UNAUTHENTICATED');
    // Conditional: of two deactivations racing on two instances, only one marks the user (and writes
    // the audit row); the other finds it already done.
    if (!(await markUserDeactivated(trx, userId, reason, at))) throw new AppError('UNAUTHENTICATED');
    await trx.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await trx.deleteFrom('password_tickets').where('user_id', '=', userId).execute();
    await trx.deleteFrom('email_security_codes').where('user_id', '=', userId).execute();
    // Issue 27: no automatic key or half-done two-step login outlives the user.
    await trx.deleteFrom('password_resets').where('user_id', '=', userId).execute();
    await trx.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
    await writeAudit(trx, { userId, at: now, action: 'registration.deactivate', fields: ['deactivated_at', 'deactivation_reason', 'sessions'], ...(origin ? { origin } : {}) });
    return row;
  });
  try {
    await deps.mailer.send(deactivationNotice({ to: user.email, userId, at: now, reason }));
  } catch (err) {
    deps.log.error({ err, userId }, 'deactivation notice not sent');
  }
  return deactivationMessage(userId);
}
