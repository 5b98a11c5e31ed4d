import type { FastifyInstance } from 'fastify';
import { RegistrationSavedSchema, RegistrationSchema } from '../../src-shared/contract';
import { originOf } from '../http/request-origin';
import { registrationUpdateSchema } from '../../src-shared/registration/update';
import type { AppDeps } from '../app-deps';
import { updateRegistration } from '../general-user/update-registration';
import { parseBody } from '../http/parse-body';
import { sendContract } from '../http/send-contract';
import { registrationOf } from '../users/registration-view';

/** GET and PUT /general-user/registration: the caller's stored registration (docs/architecture.md §5). */
export function registrationRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;

    // A synchronous handler: the authentication hook read the user with the session, in the one
    // query, so there is nothing to wait for (issue #15: an async handler's promise was measurable).
    app.get('/general-user/registration', { onRequest: auth.requireSession }, (request, reply) => {
      sendContract(reply, 200, RegistrationSchema, registrationOf(auth.sessionOf(request).user));
    });

    app.put('/general-user/registration', { onRequest: auth.requireSession }, async (request, reply) => {
      const { userId, tokenHash, user } = auth.sessionOf(request);
      // The password policy needs the ID.usuario, so the schema is built per caller.
      const body = parseBody(registrationUpdateSchema(userId), request.body);
      const saved = await updateRegistration({ ...deps, limits: deps.generalUserLimits, log: request.log }, userId, body, tokenHash, user, originOf(request));
      request.log.info({ userId, version: saved.row.version, auditId: saved.auditId }, 'registration updated');
      // The audit event's number is the reference the constancia carries (issue #28).
      return sendContract(reply, 200, RegistrationSavedSchema, { ...registrationOf(saved.row), auditId: saved.auditId, savedAt: saved.at.toISOString() });
    });
  };
}
