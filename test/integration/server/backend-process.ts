import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The compiled backend (out/server, what ships) as a child process, for the tests of its start-up and listening.

const ROOT = path.resolve(__dirname, '../../..');
export const BACKEND_MAIN = path.join(ROOT, 'out/server/src-server/main.js');

/** Test what ships: the tsc build of tsconfig.server.json (CommonJS in out/server). */
export function buildCompiledBackend(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { cwd: ROOT, stdio: 'pipe' });
}

const BACKEND_VARIABLES = ['PORT', 'HOST', 'DATABASE_URL', 'SANDBOX_SEED', 'SMTP_URL', 'TLS_CERT', 'TLS_KEY', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS', 'LOG_LEVEL'];

/** A clean environment: the developer's own PORT, DATABASE_URL… must not leak into the test. */
export function cleanBackendEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of BACKEND_VARIABLES) delete env[k];
  return { ...env, ...vars };
}

export interface ListeningBackend {
  child: ChildProcess;
  /** The URL the backend logged once listening. */
  url: string;
  /** Everything it has written to stdout so far. */
  stdout(): string;
  exited: Promise<number | null>;
}

/** Starts the backend and waits (20 s at most) for the URL it logs when it listens. */
export async function startListeningBackend(cwd: string, env: NodeJS.ProcessEnv): Promise<ListeningBackend> {
  const child = spawn(process.execPath, [BACKEND_MAIN], { cwd, env });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL logged: ${stdout}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /"url":"(https?:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { child, url, stdout: () => stdout, exited };
}
