import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_MAIN, buildCompiledBackend, cleanBackendEnv, startListeningBackend } from './backend-process';
import { DEMO_PASSWORD, DEMO_USERS_FILE } from './harness';

let tmp: string;

beforeAll(() => {
  buildCompiledBackend();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-main-'));
}, 120_000);
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function envWith(vars: Record<string, string>): NodeJS.ProcessEnv {
  return cleanBackendEnv({ DATABASE_URL: `sqlite:${path.join(tmp, 'db', 'main.sqlite')}`, ...vars });
}

function run(vars: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BACKEND_MAIN], { cwd: tmp, env: envWith(vars) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.js did not exit; stdout=${stdout} stderr=${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function expectCleanFailure(result: { code: number | null; stderr: string }, ...mentions: (string | RegExp)[]) {
  expect(result.code).toBe(1);
  for (const m of mentions) expect(result.stderr).toMatch(m);
  // A message for an operator, not a stack trace.
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('node out/server/src-server/main.js', () => {
  it('a bad PORT prints a clear error naming PORT and exits 1', async () => {
    const result = await run({ PORT: 'abc' });
    expectCleanFailure(result, /PORT="abc"/, /whole number between 0 and 65535/);
    expect(result.stdout).toBe('');
  });

  it('an out-of-range PORT, a bad LOG_LEVEL and SESSION_IDLE_MINUTES are all named at once', async () => {
    const result = await run({ PORT: '70000', LOG_LEVEL: 'loud', SESSION_IDLE_MINUTES: '-5' });
    expectCleanFailure(result, /PORT="70000"/, /LOG_LEVEL="loud"/, /SESSION_IDLE_MINUTES="-5"/);
  });

  it('a postgres:// DATABASE_URL without a database name says so and exits 1', async () => {
    const result = await run({ DATABASE_URL: 'postgres://user:secreto@localhost:5432' });
    expectCleanFailure(result, /DATABASE_URL/, /names no database; write postgres:\/\/user:password@host:5432\/database/);
  });

  it('a PostgreSQL server that cannot be reached at start is a clear error without the password', async () => {
    const result = await run({ DATABASE_URL: 'postgres://user:secreto@127.0.0.1:1/ecuapass' });
    expectCleanFailure(result, /cannot reach the database postgres:\/\/127\.0\.0\.1:1\/ecuapass/);
    expect(result.stderr).not.toContain('secreto');
  });

  it('a bad seed file names the entry and the field, exits 1 and creates no database', async () => {
    const users = JSON.parse(fs.readFileSync(DEMO_USERS_FILE, 'utf8')) as Record<string, unknown>[];
    (users[1] as { mobile: { number: string } }).mobile.number = '30-0123';
    (users[2] as { password: string }).password = 'corta';
    const seed = path.join(tmp, 'bad-seed.json');
    fs.writeFileSync(seed, JSON.stringify(users));
    const dbDir = path.join(tmp, 'bad-seed-db');
    const result = await run({ SANDBOX_SEED: seed, DATABASE_URL: `sqlite:${path.join(dbDir, 'x.sqlite')}` });
    expectCleanFailure(result, /entry 2 \("mlopez"\), field "mobile\.number"/, /entry 3 \("cvera"\), field "password"/);
    expect(fs.existsSync(dbDir)).toBe(false);
  });

  it('a seed file that is not JSON is reported clearly', async () => {
    const seed = path.join(tmp, 'broken.json');
    fs.writeFileSync(seed, '[{"userId": ');
    expectCleanFailure(await run({ SANDBOX_SEED: seed }), /SANDBOX_SEED .*broken\.json: not valid JSON/);
  });

  it('starts with the demo users, logs its URL, serves requests and exits 0 on SIGTERM', async () => {
    const { child, url, stdout, exited } = await startListeningBackend(
      tmp,
      envWith({ PORT: '0', SANDBOX_SEED: DEMO_USERS_FILE, DATABASE_URL: 'sqlite:sandbox-data/ecuapass.sqlite' }),
    );
    try {
      // DATABASE_URL is relative to the working directory, whose folder is created.
      expect(fs.existsSync(path.join(tmp, 'sandbox-data', 'ecuapass.sqlite'))).toBe(true);
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
      const login = await fetch(`${url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'mlopez', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(201);
      // The password and the token never reach the log.
      expect(stdout()).not.toContain(DEMO_PASSWORD);
      expect(stdout()).not.toContain(((await login.json()) as { token: string }).token);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
