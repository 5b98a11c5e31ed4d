import type { FastifyInstance } from 'fastify';
import {
  DeactivationRequestSchema,
  DeactivationResponseSchema,
  EmailAvailabilityResponseSchema,
  EmailRequestSchema,
  PasswordVerifyRequestSchema,
  PasswordVerifyResponseSchema,
  SecurityCodeResponseSchema,
} from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { deactivateUser } from '../general-user/deactivate-user';
import { isEmailAvailable } from '../general-user/email-availability';
import { requestSecurityCode } from '../general-user/request-security-code';
import { verifyCurrentPassword } from '../general-user/verify-password';
import { parseBody } from '../http/parse-body';
import { originOf } from '../http/request-origin';
import { sendContract } from '../http/send-contract';

/**
 * The self-service actions of the "Modificar información de registro" screen besides the PUT:
 * Verificar contraseña, Verificar disponibilidad, Solicitar código de seguridad, Dar de baja
 * (docs/architecture.md §5).
 */
export function generalUserRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;
    const flowDeps = (log: FastifyInstance['log']) => ({ ...deps, limits: deps.generalUserLimits, log });

    app.post('/general-user/password/verify', { onRequest: auth.requireSession }, async (request, reply) => {
      const body = parseBody(PasswordVerifyRequestSchema, request.body);
      const userId = auth.sessionOf(request).userId;
      const { ticket, expiresAt } = await deps.passwordWork.run(request.ip, () =>
        verifyCurrentPassword(flowDeps(request.log), userId, body.currentPassword),
      );
      return sendContract(reply, 200, PasswordVerifyResponseSchema, { ticket, expiresAt: expiresAt.toISOString() });
    });

    app.post('/general-user/email/availability', { onRequest: auth.requireSession }, async (request, reply) => {
      const body = parseBody(EmailRequestSchema, request.body);
      return sendContract(reply, 200, EmailAvailabilityResponseSchema, { available: await isEmailAvailable(deps.db, body.email) });
    });

    app.post('/general-user/email/security-code', { onRequest: auth.requireSession }, async (request, reply) => {
      const body = parseBody(EmailRequestSchema, request.body);
      const userId = auth.sessionOf(request).userId;
      const { expiresAt } = await requestSecurityCode(flowDeps(request.log), userId, body.email);
      return sendContract(reply, 202, SecurityCodeResponseSchema, { expiresAt: expiresAt.toISOString() });
    });

    app.post('/general-user/deactivation', { onRequest: auth.requireSession }, async (request, reply) => {
      const body = parseBody(DeactivationRequestSchema, request.body);
      const userId = auth.sessionOf(request).userId;
      const message = await deactivateUser(flowDeps(request.log), userId, body.reason, originOf(request));
      request.log.info({ userId }, 'user deactivated');
      return sendContract(reply, 200, DeactivationResponseSchema, { message });
    });
  };
}
