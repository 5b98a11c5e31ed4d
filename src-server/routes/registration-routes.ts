import type { FastifyInstance } from 'fastify';
import { RegistrationSchema } from '../../src-shared/contract';
import type { AppDeps } from '../app-deps';
import { sendContract } from '../http/send-contract';
import { findUser } from '../users/user-repository';
import { registrationOf } from '../users/registration-view';
import { AppError } from '../http/app-error';

/** GET /general-user/registration: the caller's stored registration (design §4). */
export function registrationRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;

    app.get('/general-user/registration', { onRequest: auth.requireSession }, async (request, reply) => {
      const user = await findUser(deps.db, auth.sessionOf(request).userId);
      // Sessions cascade with their user, so a missing row means it was removed mid-request.
      if (!user) throw new AppError('UNAUTHENTICATED');
      return sendContract(reply, 200, RegistrationSchema, registrationOf(user));
    });
  };
}
