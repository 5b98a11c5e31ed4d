import type { FastifyInstance } from 'fastify';
import { RegistrationSchema } from '../../src-shared/contract';
import { registrationUpdateSchema } from '../../src-shared/registration/update';
import type { AppDeps } from '../app-deps';
import { updateRegistration } from '../general-user/update-registration';
import { AppError } from '../http/app-error';
import { parseBody } from '../http/parse-body';
import { sendContract } from '../http/send-contract';
import { registrationOf } from '../users/registration-view';
import { findUser } from '../users/user-repository';

/** GET and PUT /general-user/registration: the caller's stored registration (design §4). */
export function registrationRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;

    app.get('/general-user/registration', { onRequest: auth.requireSession }, async (request, reply) => {
      const user = await findUser(deps.db, auth.sessionOf(request).userId);
      // Sessions cascade with their user, so a missing row means it was removed mid-request.
      if (!user) throw new AppError('UNAUTHENTICATED');
      return sendContract(reply, 200, RegistrationSchema, registrationOf(user));
    });

    app.put('/general-user/registration', { onRequest: auth.requireSession }, async (request, reply) => {
      const { userId, tokenHash } = auth.sessionOf(request);
      // The password policy needs the ID.usuario, so the schema is built per caller.
      const body = parseBody(registrationUpdateSchema(userId), request.body);
      const saved = await updateRegistration({ ...deps, limits: deps.generalUserLimits, log: request.log }, userId, body, tokenHash);
      request.log.info({ userId, version: saved.version }, 'registration updated');
      return sendContract(reply, 200, RegistrationSchema, registrationOf(saved));
    });
  };
}
