import Fastify, { type FastifyHttpsOptions, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { API_PREFIX } from '../src-shared/contract';
import type { AppDeps } from './app-deps';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import type { Db } from './db/open-database';
import { clientErrorHandler } from './http/client-error-handler';
import { frameworkErrorHandler, installErrorHandling } from './http/error-handler';
import { BODY_LIMIT_BYTES, acceptJsonOnly } from './http/json-only';
import { healthRoutes } from './routes/health-routes';
import { registrationRoutes } from './routes/registration-routes';
import { sessionRoutes } from './routes/session-routes';
import { createAuthenticator } from './sessions/authenticator';
import { DEFAULT_GENERAL_USER_LIMITS, type GeneralUserLimits } from './general-user/limits';
import { createMailer } from './mail/create-mailer';
import { DEFAULT_MAIL_FROM } from './config';
import { devMailboxRoutes } from './routes/dev-mailbox-routes';
import { generalUserRoutes } from './routes/general-user-routes';
import { accountRoutes } from './routes/account-routes';
import { accountSecurityRoutes } from './routes/account-security-routes';
import { defaultPasswordWorkLimits, PasswordWorkBudget, type PasswordWorkLimits } from './security/password-work-budget';

export interface BuildAppOptions {
  db: Db;
  clock: Clock;
  config: Pick<ServerConfig, 'sessionIdleMinutes' | 'sessionAbsoluteHours'> &
    Partial<Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'deviceTokenSecret'>> & {
      /** Overrides of the default limits (tests); DEFAULT_GENERAL_USER_LIMITS otherwise. */
      generalUserLimits?: Partial<GeneralUserLimits>;
      /** Overrides of the password-work budget (tests); sized to this machine's cores otherwise. */
      passwordWork?: Partial<PasswordWorkLimits>;
    };
  /** Fastify's logger option: false (tests), or e.g. { level: 'info' } (main). */
  logger?: FastifyServerOptions['logger'];
  /** PEM certificate and key: the server speaks HTTPS (TLS_CERT / TLS_KEY); absent, plain HTTP. */
  https?: { cert: Buffer; key: Buffer };
}

/** The backend as a Fastify instance, not yet listening: main listens on PORT, tests on port 0. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  };
  // Fastify types an HTTPS instance separately; every route and hook here works on either.
  const app = (options.https ? Fastify({ ...(serverOptions as FastifyHttpsOptions<HttpsServer>), https: options.https }) : Fastify(serverOptions)) as unknown as FastifyInstance;
  installErrorHandling(app);
  acceptJsonOnly(app);

  const sessionLimits = { idleMinutes: options.config.sessionIdleMinutes, absoluteHours: options.config.sessionAbsoluteHours };
  const mailer = createMailer({
    smtpUrl: options.config.smtpUrl,
    from: options.config.mailFrom ?? DEFAULT_MAIL_FROM,
    db: options.db,
    clock: options.clock,
    log: app.log,
  });
  app.addHook('onClose', async () => mailer.close());
  const deps: AppDeps = {
    db: options.db,
    clock: options.clock,
    sessionLimits,
    generalUserLimits: { ...DEFAULT_GENERAL_USER_LIMITS, ...options.config.generalUserLimits },
    auth: createAuthenticator({ db: options.db, clock: options.clock, sessionLimits }),
    mailer,
    passwordWork: new PasswordWorkBudget({ ...defaultPasswordWorkLimits(), ...options.config.passwordWork }),
    deviceTokenSecret: options.config.deviceTokenSecret ?? randomBytes(32).toString('base64url'),
  };
  if (options.config.deviceTokenSecret === undefined) {
    app.log.warn('DEVICE_TOKEN_SECRET is not set: trusted-device tokens are signed with a key of this process only');
  }

  deps.auth.decorate(app);

  // Session data and registrations must not be kept by proxies or caches.
  // (A callback hook: an async one costs a promise and a microtask per request, issue #15.)
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  await app.register(healthRoutes(options.db));
  await app.register(sessionRoutes(deps), { prefix: API_PREFIX });
  await app.register(registrationRoutes(deps), { prefix: API_PREFIX });
  await app.register(generalUserRoutes(deps), { prefix: API_PREFIX });
  await app.register(accountRoutes(deps), { prefix: API_PREFIX });
  await app.register(accountSecurityRoutes(deps), { prefix: API_PREFIX });
  if (mailer.kind === 'sandbox') await app.register(devMailboxRoutes(options.db));
  return app;
}
