import { readFileSync } from 'node:fs';
import { buildApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open-database';
import { loadSeed } from './seed/load-seed';
import { SeedError } from './seed/seed-error';
import { upsertSeedUsers } from './seed/upsert-seed-users';

/**
 * The backend's entry point (design §6): config → seed file check → database + migrations →
 * seed users → listen. Operator mistakes print one clear message and exit 1; SIGINT/SIGTERM
 * close the server and the database cleanly.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Validate the seed before touching the database, so a typo leaves no half-started state.
  const seedUsers = config.sandboxSeedPath ? loadSeed(config.sandboxSeedPath) : [];

  const db = openDatabase(config.database);
  await migrateToLatest(db);
  await upsertSeedUsers(db, systemClock, seedUsers);

  const https = config.tls ? readTlsFiles(config.tls) : undefined;
  const app = await buildApp({ db, clock: systemClock, config, logger: { level: config.logLevel }, https });
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
    { url, database: config.database.file, seedUsers: seedUsers.map((u) => u.userId), mail: config.smtpUrl ? 'smtp' : `sandbox mailbox (${url}/dev/mailbox)` },
    `Ecuapass backend listening at ${url}`,
  );
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
