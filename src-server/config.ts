import { resolve } from 'node:path';
import { z } from 'zod';
import { parseDatabaseUrl, type DatabaseLocation } from './db/database-url';

/** A configuration mistake: main prints the message (no stack trace) and exits with code 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_MAIL_FROM = 'Ecuapass <no-reply@correo.aduana.gob.ec>';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset or blank variable means "use the default", so `PORT= npm start` behaves like no PORT. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
      .transform(Number)
      .pipe(z.number().int().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`))
      .default(fallback),
  );

const EnvSchema = z.object({
  PORT: integer(0, 65535, 4010),
  HOST: z.preprocess(blankAsUnset, z.string().default('127.0.0.1')),
  DATABASE_URL: z.preprocess(blankAsUnset, z.string().default('sqlite:.sandbox/ecuapass.sqlite')),
  SANDBOX_SEED: z.preprocess(blankAsUnset, z.string().optional()),
  // Unset: the sandbox mailbox (GET /dev/mailbox). Query flags ignoreTLS, requireTLS and
  // tls.rejectUnauthorized are understood, e.g. smtp://relay.local:25?ignoreTLS=true.
  SMTP_URL: z.preprocess(
    blankAsUnset,
    z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(blankAsUnset, z.string().default(DEFAULT_MAIL_FROM)),
  SESSION_IDLE_MINUTES: integer(1, 24 * 60, 30),
  SESSION_ABSOLUTE_HOURS: integer(1, 24 * 30, 8),
  // PEM files: both set, the backend serves HTTPS itself (tests, small deployments without a reverse proxy).
  TLS_CERT: z.preprocess(blankAsUnset, z.string().optional()),
  TLS_KEY: z.preprocess(blankAsUnset, z.string().optional()),
  // The HMAC key of trusted-device tokens; unset: a random key per process (tokens stop vouching at a restart).
  DEVICE_TOKEN_SECRET: z.preprocess(blankAsUnset, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional()),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankAsUnset(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseLocation;
  sandboxSeedPath: string | undefined;
  smtpUrl: string | undefined;
  /** The From header of every mail the backend sends. */
  mailFrom: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The HMAC key of trusted-device tokens; undefined: a random one per process. */
  deviceTokenSecret: string | undefined;
  /** Paths of the PEM certificate and key; undefined: plain HTTP (TLS is a reverse proxy's job). */
  tls: { certPath: string; keyPath: string } | undefined;
}

/**
 * Reads the backend's environment (docs/architecture.md §7, README "Configuration"). Throws
 * ConfigError naming the variable, its value and what it should be, so an operator can fix it
 * without reading code.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  let database: DatabaseLocation;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL, cwd);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  DATABASE_URL=${JSON.stringify(e.DATABASE_URL)}: ${(err as Error).message}`);
  }
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    const missing = e.TLS_CERT === undefined ? 'TLS_CERT' : 'TLS_KEY';
    throw new ConfigError(`Invalid configuration:\n  ${missing}: must be set together with ${missing === 'TLS_CERT' ? 'TLS_KEY' : 'TLS_CERT'} (PEM file paths)`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    sandboxSeedPath: e.SANDBOX_SEED,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    logLevel: e.LOG_LEVEL,
    deviceTokenSecret: e.DEVICE_TOKEN_SECRET,
    tls: e.TLS_CERT && e.TLS_KEY ? { certPath: resolve(cwd, e.TLS_CERT), keyPath: resolve(cwd, e.TLS_KEY) } : undefined,
  };
}
