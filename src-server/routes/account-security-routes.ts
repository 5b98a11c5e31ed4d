import type { FastifyInstance } from 'fastify';
import {
  PasswordResetAcceptedSchema,
  PasswordResetRequestSchema,
  RecoveryCodesSchema,
  TotpCodeRequestSchema,
  TwoFactorDisableRequestSchema,
  TwoFactorEnrolmentSchema,
  TwoFactorStatusSchema,
  forcedPasswordChangeSchema,
} from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { parseBody } from '../http/parse-body';
import { sendContract } from '../http/send-contract';
import { forcedPasswordChange } from '../password-reset/forced-change';
import { requestPasswordReset } from '../password-reset/request-reset';
import { confirmEnrolment, disableTwoFactor, startEnrolment, twoFactorStatus } from '../two-factor/enrolment';

/**
 * Reiniciar clave and two-step verification (issue 27, docs/architecture.md §5): POST /password-resets (no
 * session), the forced change after an automatic key, and the TOTP enrolment, status and deactivation.
 */
export function accountSecurityRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;
    const flowDeps = (log: FastifyInstance['log']) => ({ ...deps, limits: deps.generalUserLimits, log });

    app.post('/password-resets', async (request, reply) => {
      const startedAtMs = performance.now();
      const body = parseBody(PasswordResetRequestSchema, request.body);
      const message = await requestPasswordReset(flowDeps(request.log), body, request.ip, startedAtMs);
      return sendContract(reply, 202, PasswordResetAcceptedSchema, { message });
    });

    app.post('/general-user/password/forced-change', { onRequest: auth.requireAnySession }, async (request, reply) => {
      const session = auth.sessionOf(request);
      const body = parseBody(forcedPasswordChangeSchema(session.userId), request.body);
      await deps.passwordWork.run(request.ip, () => forcedPasswordChange(flowDeps(request.log), session, body.newPassword));
      request.log.info({ userId: session.userId }, 'forced password change');
      return reply.code(204).send();
    });

    app.get('/general-user/two-factor', { onRequest: auth.requireSession }, async (request, reply) => {
      return sendContract(reply, 200, TwoFactorStatusSchema, await twoFactorStatus(deps.db, auth.sessionOf(request).userId));
    });

    app.post('/general-user/two-factor/enrolment', { onRequest: auth.requireSession }, async (request, reply) => {
      const enrolment = await startEnrolment(flowDeps(request.log), auth.sessionOf(request).userId);
      return sendContract(reply, 201, TwoFactorEnrolmentSchema, enrolment);
    });

    app.post('/general-user/two-factor/confirmation', { onRequest: auth.requireSession }, async (request, reply) => {
      const body = parseBody(TotpCodeRequestSchema, request.body);
      const userId = auth.sessionOf(request).userId;
      const recoveryCodes = await confirmEnrolment(flowDeps(request.log), userId, body.code);
      request.log.info({ userId }, 'two-step verification enabled');
      return sendContract(reply, 200, RecoveryCodesSchema, { recoveryCodes });
    });

    app.post('/general-user/two-factor/deactivation', { onRequest: auth.requireSession }, async (request, reply) => {
      const body = parseBody(TwoFactorDisableRequestSchema, request.body);
      const userId = auth.sessionOf(request).userId;
      await deps.passwordWork.run(request.ip, () => disableTwoFactor(flowDeps(request.log), userId, body.password, body.code));
      request.log.info({ userId }, 'two-step verification disabled');
      return reply.code(204).send();
    });
  };
}
