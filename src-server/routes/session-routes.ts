import type { FastifyInstance } from 'fastify';
import { CurrentSessionResponseSchema, LoginRequestSchema, LoginResponseSchema } from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { parseBody } from '../http/parse-body';
import { sendContract } from '../http/send-contract';
import { logIn } from '../sessions/login';
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
      const result = await deps.passwordWork.run(request.ip, () => logIn({ ...deps, log: request.log }, body.userId, body.password, originOf(request)));
      request.log.info({ userId: result.user.userId }, 'login');
      return sendContract(reply, 201, LoginResponseSchema, {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        user: result.user,
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
