import type { FastifyInstance } from 'fastify';
import {
  CurrentSessionResponseSchema,
  LoginChallengeSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LoginVerificationRequestSchema,
} from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { parseBody } from '../http/parse-body';
import { sendContract } from '../http/send-contract';
import { logIn, type LoginResult } from '../sessions/login';
import { verifyLoginCode } from '../two-factor/verify-login-code';
import { revokeSession } from '../sessions/session-store';

/**
 * POST /sessions (log in; 202 with a challenge when two-step verification is on), POST /sessions/verification (the
 * "Código de verificación" step), GET and DELETE /sessions/current (docs/architecture.md §5). The last two answer a
 * session opened with an automatic key too: the app must learn it and may log out.
 */
export function sessionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;
    const sessionBody = (result: LoginResult) => ({
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      user: result.user,
      passwordChangeRequired: result.passwordChangeRequired,
    });

    app.post('/sessions', async (request, reply) => {
      const body = parseBody(LoginRequestSchema, request.body);
      const result = await deps.passwordWork.run(request.ip, () => logIn({ ...deps, log: request.log }, body.userId, body.password));
      if (result.kind === 'challenge') {
        request.log.info('login: verification code required');
        return sendContract(reply, 202, LoginChallengeSchema, { verificationRequired: true, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() });
      }
      request.log.info({ userId: result.user.userId }, 'login');
      return sendContract(reply, 201, LoginResponseSchema, sessionBody(result));
    });

    app.post('/sessions/verification', async (request, reply) => {
      const body = parseBody(LoginVerificationRequestSchema, request.body);
      const result = await verifyLoginCode({ ...deps, log: request.log }, body.challenge, body.code);
      request.log.info({ userId: result.user.userId }, 'login (verification code)');
      return sendContract(reply, 201, LoginResponseSchema, sessionBody(result));
    });

    app.get('/sessions/current', { onRequest: auth.requireAnySession }, async (request, reply) => {
      const session = auth.sessionOf(request);
      return sendContract(reply, 200, CurrentSessionResponseSchema, {
        userId: session.userId,
        expiresAt: session.expiresAt.toISOString(),
        passwordChangeRequired: session.passwordChangeRequired,
      });
    });

    app.delete('/sessions/current', { onRequest: auth.requireAnySession }, async (request, reply) => {
      await revokeSession(deps.db, auth.sessionOf(request).tokenHash, deps.clock.now());
      return reply.code(204).send();
    });
  };
}
