// A private PostgreSQL server for tests and benchmarks: Debian's `postgresql` package (installed
// by .ci/run), a data folder in a temp dir, a free loopback port, trust auth on loopback only, no
// other socket. Stopped (and its folder removed) by stop(). As root it runs the server as the
// `postgres` user, because initdb and postgres refuse to run as root.
//
// CLI: `node scripts/private-postgres.mjs` starts one, prints its URL and runs until Ctrl+C.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The bin folder of the newest installed PostgreSQL (PG_BIN overrides). */
export function postgresBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install postgresql (or set PG_BIN)');
  }
  return path.join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program as the server's owner (the postgres user when we are root). */
function runAsOwner(bin, args, options = {}) {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/**
 * Starts a private server. `durable: false` (tests) turns fsync off, which is safe for throwaway
 * data and several times faster on a loaded machine; the benchmark keeps the defaults (durable).
 */
export async function startPrivatePostgres({ durable = false } = {}) {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  runAsOwner(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const port = await freePort();
  const settings = [
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    // No Unix socket at all: the server is reached over loopback TCP only.
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const pgCtl = (...args) => runAsOwner(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
  const start = () => pgCtl('-l', logFile, '-w', '-t', '60', '-o', settings.join(' '), 'start');
  const stopServer = (mode = 'fast') => pgCtl('-m', mode, '-w', '-t', '60', 'stop');
  start();

  const host = '127.0.0.1';
  const urlFor = (database) => `postgres://postgres@${host}:${port}/${database}`;
  const admin = async (statement) => {
    const client = new pg.Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    host,
    port,
    dataDir,
    logFile,
    urlFor,
    /** Creates an empty database (name: lower case letters, digits, underscore) and returns its URL. */
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      return urlFor(name);
    },
    async dropDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    /** Stops the server but keeps its data (a database outage); startAgain() brings it back on the same port. */
    pause: () => stopServer('fast'),
    startAgain: () => start(),
    /** Stops the server for good and removes its folder. */
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        stopServer('immediate');
      } catch {
        // Already down (paused and never restarted): nothing to stop.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startPrivatePostgres({ durable: process.argv.includes('--durable') });
  await server.createDatabase('ecuapass');
  console.log(`private PostgreSQL listening; DATABASE_URL=${server.urlFor('ecuapass')}`);
  console.log('Ctrl+C stops it and removes its data.');
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep running until a signal arrives.
  globalThis.setInterval(() => {}, 1 << 30);
}
