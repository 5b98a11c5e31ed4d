import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MailboxSchema, RegistrationSchema, type MailboxEntry, type Registration } from '../../../src-shared/contract';
import type { SeedUser } from '../../../src-server/seed/seed-schema';
import { API, DEMO_PASSWORD } from '../server/harness';

export { API, DEMO_PASSWORD };
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'out/server/src-server/main.js');


/**
 * One backend process (node out/server/src-server/main.js, built by the project's global setup)
 * on a shared PostgreSQL database.
 */
export interface Instance {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** Everything it printed (pino JSON lines). */
  output(): string;
  exited: Promise<number | null>;
  request(pathname: string, init?: RequestInit & { token?: string }): Promise<Response>;
  send(method: string, pathname: string, token: string | undefined, body: unknown): Promise<Response>;
  login(userId: string, password?: string): Promise<string>;
  registration(token: string): Promise<Registration>;
  mailbox(): Promise<MailboxEntry[]>;
  stop(): Promise<void>;
}

export function writeSeed(users: SeedUser[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-mi-seed-'));
  const file = path.join(dir, 'seed.json');
  fs.writeFileSync(file, JSON.stringify(users));
  return file;
}

/** A clean environment: the developer's own PORT, DATABASE_URL… must not leak in. */
function envWith(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['PORT', 'HOST', 'DATABASE_URL', 'SANDBOX_SEED', 'SMTP_URL', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS', 'LOG_LEVEL']) delete env[k];
  return { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...vars };
}

/** Starts one instance and resolves when it logs its URL (rejects if it exits first). */
export function startInstance(name: string, databaseUrl: string, seedFile?: string): Promise<Instance> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: envWith({ DATABASE_URL: databaseUrl, ...(seedFile ? { SANDBOX_SEED: seedFile } : {}) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise<Instance>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} logged no URL in 30 s:\n${out}`)), 30_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${out}`));
    });
    const onData = () => {
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(instanceAt(name, m[1], child, () => out, exited));
    };
    child.stdout?.on('data', onData);
  });
}

function instanceAt(name: string, baseUrl: string, child: ChildProcess, output: () => string, exited: Promise<number | null>): Instance {
  const request = (pathname: string, init: RequestInit & { token?: string } = {}) => {
    const { token, headers, ...rest } = init;
    const h = new Headers(headers);
    if (token !== undefined) h.set('authorization', `Bearer ${token}`);
    return fetch(baseUrl + pathname, { ...rest, headers: h, signal: AbortSignal.timeout(20_000) });
  };
  const send = (method: string, pathname: string, token: string | undefined, body: unknown) =>
    request(pathname, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(token === undefined ? {} : { token }) });
  return {
    name,
    baseUrl,
    child,
    output,
    exited,
    request,
    send,
    async login(userId, password = DEMO_PASSWORD) {
      const res = await send('POST', `${API}/sessions`, undefined, { userId, password });
      const body = (await res.json()) as { token?: string };
      if (res.status !== 201 || !body.token) throw new Error(`${name}: login ${userId} answered ${res.status}: ${JSON.stringify(body)}`);
      return body.token;
    },
    async registration(token) {
      const res = await request(`${API}/general-user/registration`, { token });
      if (res.status !== 200) throw new Error(`${name}: GET registration answered ${res.status}`);
      return RegistrationSchema.parse(await res.json());
    },
    async mailbox() {
      const res = await request('/dev/mailbox');
      if (res.status !== 200) throw new Error(`${name}: GET /dev/mailbox answered ${res.status}`);
      return MailboxSchema.parse(await res.json());
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Rows straight from the database, on a connection of the test's own (as an operator would read them). */
export async function queryRows<T extends Record<string, unknown>>(databaseUrl: string, statement: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(statement, params)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until `check` resolves true, polling; throws after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
