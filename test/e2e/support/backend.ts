import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_USERS_FILE, REPO_ROOT } from './paths';

export interface RunningBackend {
  url: string;
  dbPath: string;
  /** Restarts the same backend (same port and database), e.g. after `stop()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
  log(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** GET /health over TLS trusting only the test CA. */
function httpsHealthy(url: string, ca: Buffer, acceptExpired: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    // An expired-certificate test still needs to know the server is up; the chain is checked otherwise.
    httpsGet(`${url}/health`, { ca, ...(acceptExpired ? { rejectUnauthorized: false } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/**
 * The real sandbox backend (compiled by `npm run build`) on its own port and SQLite file. With `tls`, it serves HTTPS
 * with that certificate (TLS_CERT / TLS_KEY) and `url` is https://localhost:<port>.
 */
export async function startBackend(
  env: Record<string, string> = {},
  opts: { tls?: { cert: string; key: string; ca: string; acceptExpired?: boolean } } = {},
): Promise<RunningBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecuapass-e2e-db-'));
  const dbPath = path.join(dir, 'ecuapass.sqlite');
  const port = await freePort();
  const url = opts.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const tlsEnv: Record<string, string> = opts.tls ? { TLS_CERT: opts.tls.cert, TLS_KEY: opts.tls.key } : {};
  const ca = opts.tls ? readFileSync(opts.tls.ca) : null;
  let child: ChildProcess | null = null;
  let output = '';

  async function start(): Promise<void> {
    child = spawn(process.execPath, [path.join(REPO_ROOT, 'out/server/src-server/main.js')], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${dbPath}`,
        SANDBOX_SEED: DEMO_USERS_FILE,
        ...tlsEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    for (let i = 0; i < 100; i++) {
      try {
        if (ca ? await httpsHealthy(url, ca, opts.tls?.acceptExpired ?? false) : (await fetch(`${url}/health`)).ok) return;
      } catch {
        // not up yet
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`backend did not start:\n${output}`);
  }

  async function stop(): Promise<void> {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  }

  await start();
  return {
    url,
    dbPath,
    start,
    stop,
    log: () => output,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
