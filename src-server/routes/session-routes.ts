import type { FastifyInstance } from 'fastify';
import { CurrentSessionResponseSchema, DEVICE_TOKEN_HEADER, LoginRequestSchema, LoginResponseSchema } from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { parseBody } from '../http/parse-body';
import { sendContract } from '../http/send-contract';
import { deviceTokenAfterLogin, logIn, loginAdmission } from '../sessions/login';
import { revokeSession } from '../sessions/session-store';
import { originOf } from '../http/request-origin';
import { writeAudit } from '../audit/audit-log';
import { writeTransaction } from '../db/group-commit';

/** POST /sessions (log in), GET and DELETE /sessions/current (docs/architecture.md §5). */
export function sessionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;

    app.post('/sessions', async (request, reply) => {
      const body = parseBody(LoginRequestSchema, request.body);
      // Trusted device or not (docs/architecture.md §5): whose failure counter and password-work budget this try uses.
      const admission = await loginAdmission(deps, body.userId, request.headers[DEVICE_TOKEN_HEADER.toLowerCase()], request.ip);
      const result = await deps.passwordWork.run(admission.budgetSource, () => logIn({ ...deps, log: request.log }, body.userId, body.password, admission.counter, originOf(request)));
      const deviceToken = await deviceTokenAfterLogin(deps, result.user, admission.device);
      request.log.info({ userId: result.user.userId, trustedDevice: admission.device !== null }, 'login');
      return sendContract(reply, 201, LoginResponseSchema, {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        user: result.user,
        deviceToken,
      });
    });

    app.get('/sessions/current', { onRequest: auth.requireSession }, async (request, reply) => {
      const session = auth.sessionOf(request);
      return sendContract(reply, 200, CurrentSessionResponseSchema, {
        userId: session.userId,
        expiresAt: session.expiresAt.toISOString(),
      });
    });

    app.delete('/sessions/current', { onRequest: auth.requireSession }, async (request, reply) => {
      const { tokenHash, userId } = auth.sessionOf(request);
      const now = deps.clock.now();
      await writeTransaction(deps.db, async (trx) => {
        if (await revokeSession(trx, tokenHash, now)) await writeAudit(trx, { userId, at: now, action: 'session.closed', fields: [], origin: originOf(request) });
      });
      return reply.code(204).send();
    });
  };
}
