import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { describeDatabase } from './db/database-url';
import { isDatabaseUnavailable } from './db/dialect';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open-database';
import { withStartupLock } from './db/startup-lock';
import { loadSeed } from './seed/load-seed';
import { SeedError } from './seed/seed-error';
import { upsertSeedUsers } from './seed/upsert-seed-users';

/**
 * An operator's problem with the database at start (down, wrong password, no such database), as
 * one line without the URL's password; undefined for anything else (a bug, a failed migration).
 */
function startupDatabaseProblem(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  // 28xxx: authentication; 3D000: no such database; 42501: not allowed to create the tables.
  if (isDatabaseUnavailable(err) || (typeof code === 'string' && /^(28|3D000|42501)/.test(code))) {
    const message = (err as Error).message || String(code);
    return `${message}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  return undefined;
}

/**
 * The backend's entry point (docs/architecture.md §7): config → seed file check → database + migrations →
 * seed users → listen. Operator mistakes print one clear message and exit 1; SIGINT/SIGTERM
 * close the server and the database cleanly.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Validate the seed before touching the database, so a typo leaves no half-started state.
  const seedUsers = config.sandboxSeedPath ? loadSeed(config.sandboxSeedPath) : [];

  // Until the logger exists, a broken idle connection is reported on stderr; then through the log.
  let reportConnectionError = (err: Error) => console.error(`ecuapass-server: database connection lost: ${err.message}`);
  const db = openDatabase(config.database, { onConnectionError: (err) => reportConnectionError(err) });
  try {
    // Several instances may start at once on one PostgreSQL database: they migrate and seed in turn.
    await withStartupLock(db, async () => {
      await migrateToLatest(db);
      await upsertSeedUsers(db, systemClock, seedUsers);
    });
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const reason = startupDatabaseProblem(err);
    if (reason) throw new ConfigError(`cannot reach the database ${describeDatabase(config.database)}: ${reason}`);
    throw err;
  }

  const https = config.tls ? readTlsFiles(config.tls) : undefined;
  // Log lines go to stdout asynchronously: a line is handed to the kernel by a write of its own only when none is in
  // flight, and the lines of a busy moment go out together in the next one (issue 30: one synchronous write per
  // line, three per PUT, was ~12 % of the backend's CPU under load). What is still buffered is written out
  // synchronously when the process exits, whatever the cause.
  const logStream = pino.destination({ dest: 1, sync: false });
  process.once('exit', () => flushLog(logStream));
  const app = await buildApp({ db, clock: systemClock, config, logger: { level: config.logLevel, stream: logStream }, https });
  reportConnectionError = (err) => app.log.warn({ err: { message: err.message } }, 'database connection lost; the pool reconnects on the next query');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => db.destroy())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error('Error while shutting down:', err);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await db.destroy();
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `Cannot listen on ${config.host}:${config.port}` + (code === 'EADDRINUSE' ? ': the port is already in use (set PORT)' : `: ${(err as Error).message}`),
    );
  }
  const address = app.server.address();
  const scheme = https ? 'https' : 'http';
  const url = typeof address === 'object' && address ? `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}` : String(address);
  app.log.info(
    // The SMTP URL may carry credentials: only say which kind of mail delivery is on.
    { url, database: describeDatabase(config.database), seedUsers: seedUsers.map((u) => u.userId), mail: config.smtpUrl ? 'smtp' : `sandbox mailbox (${url}/dev/mailbox)` },
    `Ecuapass backend listening at ${url}`,
  );
}

function flushLog(stream: ReturnType<typeof pino.destination>): void {
  try {
    stream.flushSync();
  } catch {
    // A write still in flight finishes on its own; nothing else to do at exit.
  }
}

/** The certificate and key files, read once; a missing or unreadable file is an operator mistake, named. */
function readTlsFiles(tls: { certPath: string; keyPath: string }): { cert: Buffer; key: Buffer } {
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(`Invalid configuration:\n  ${name}=${JSON.stringify(path)}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  };
  return { cert: read('TLS_CERT', tls.certPath), key: read('TLS_KEY', tls.keyPath) };
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof SeedError) {
    console.error(`ecuapass-server: ${err.message}`);
  } else {
    console.error('ecuapass-server: failed to start:', err);
  }
  process.exit(1);
});
