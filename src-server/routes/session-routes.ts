import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CurrentSessionResponseSchema,
  DEVICE_TOKEN_HEADER,
  LoginChallengeSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LoginVerificationRequestSchema,
} from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { writeAudit } from '../audit/audit-log';
import { writeTransaction } from '../db/group-commit';
import { parseBody } from '../http/parse-body';
import { originOf } from '../http/request-origin';
import { sendContract } from '../http/send-contract';
import type { TrustedDevice } from '../security/device-token';
import { deviceOf, deviceTokenAfterLogin, logIn, loginAdmission, type LoginResult } from '../sessions/login';
import { revokeSession } from '../sessions/session-store';
import { verifyLoginCode } from '../two-factor/verify-login-code';

/**
 * POST /sessions (log in; 202 with a challenge when two-step verification is on), POST /sessions/verification (the
 * "Código de verificación" step), GET and DELETE /sessions/current (docs/architecture.md §5). The last two answer a
 * session opened with an automatic key too: the app must learn it and may log out.
 */
export function sessionRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;
    const deviceHeader = (request: FastifyRequest) => request.headers[DEVICE_TOKEN_HEADER.toLowerCase()];
    const sessionBody = async (result: LoginResult, device: TrustedDevice | null) => ({
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      user: result.user,
      passwordChangeRequired: result.passwordChangeRequired,
      deviceToken: await deviceTokenAfterLogin(deps, result.user, device),
    });

    app.post('/sessions', async (request, reply) => {
      const body = parseBody(LoginRequestSchema, request.body);
      // Trusted device or not (docs/architecture.md §5): whose failure counter and password-work budget this try uses.
      const admission = await loginAdmission(deps, body.userId, deviceHeader(request), request.ip);
      const run = () => logIn({ ...deps, log: request.log }, body.userId, body.password, admission.counter, originOf(request));
      // A locked counter does no password work (only an automatic key can pass), so it takes no budget; its refusal
      // is held like the budget's (the same hold for a known and an unknown ID), so looping on it gains nothing.
      const result = admission.locked ? await run().catch((err: unknown) => deps.passwordWork.hold(err)) : await deps.passwordWork.run(admission.budgetSource, run);
      if (result.kind === 'challenge') {
        request.log.info({ trustedDevice: admission.device !== null }, 'login: verification code required');
        return sendContract(reply, 202, LoginChallengeSchema, { verificationRequired: true, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() });
      }
      request.log.info({ userId: result.user.userId, trustedDevice: admission.device !== null }, 'login');
      return sendContract(reply, 201, LoginResponseSchema, await sessionBody(result, admission.device));
    });

    app.post('/sessions/verification', async (request, reply) => {
      const body = parseBody(LoginVerificationRequestSchema, request.body);
      const result = await verifyLoginCode({ ...deps, log: request.log }, body.challenge, body.code, originOf(request));
      request.log.info({ userId: result.user.userId }, 'login (verification code)');
      const device = await deviceOf(deps, result.user.userId, deviceHeader(request));
      return sendContract(reply, 201, LoginResponseSchema, await sessionBody(result, device));
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
      const { tokenHash, userId } = auth.sessionOf(request);
      const now = deps.clock.now();
      await writeTransaction(deps.db, async (trx) => {
        if (await revokeSession(trx, tokenHash, now)) await writeAudit(trx, { userId, at: now, action: 'session.closed', fields: [], origin: originOf(request) });
      });
      return reply.code(204).send();
    });
  };
}
