import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_PREFIX } from '../src-shared/contract';
import type { AppDeps } from './app-deps';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import type { Db } from './db/open-database';
import { frameworkErrorHandler, installErrorHandling } from './http/error-handler';
import { BODY_LIMIT_BYTES, acceptJsonOnly } from './http/json-only';
import { healthRoutes } from './routes/health-routes';
import { registrationRoutes } from './routes/registration-routes';
import { sessionRoutes } from './routes/session-routes';
import { createAuthenticator } from './sessions/authenticator';

export interface BuildAppOptions {
  db: Db;
  clock: Clock;
  config: Pick<ServerConfig, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>;
  /** Fastify's logger option: false (tests), or e.g. { level: 'info' } (main). */
  logger?: FastifyServerOptions['logger'];
}

/** The backend as a Fastify instance, not yet listening: main listens on PORT, tests on port 0. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorHandler,
  });
  installErrorHandling(app);
  acceptJsonOnly(app);

  const limits = { idleMinutes: options.config.sessionIdleMinutes, absoluteHours: options.config.sessionAbsoluteHours };
  const deps: AppDeps = {
    db: options.db,
    clock: options.clock,
    limits,
    auth: createAuthenticator({ db: options.db, clock: options.clock, limits }),
  };

  // Session data and registrations must not be kept by proxies or caches.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store');
  });

  await app.register(healthRoutes);
  await app.register(sessionRoutes(deps), { prefix: API_PREFIX });
  await app.register(registrationRoutes(deps), { prefix: API_PREFIX });
  return app;
}
