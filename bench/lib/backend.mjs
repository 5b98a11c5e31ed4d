// Starting and stopping the real backend (compiled, out/server) and the bare Fastify baseline, each as its own process.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_DIR, DEMO_USERS_FILE, SERVER_MAIN } from './paths.mjs';

export const DEMO_PASSWORD = 'Aduana#2026';
export const API = '/api/v1';
// One user per autocannon connection (10): each PUT connection owns its user and its `version`.
export const BENCH_USER_COUNT = 10;
export const benchUserId = (i) => `bench${String(i + 1).padStart(2, '0')}`;

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The demo users plus BENCH_USER_COUNT extra users (bench01…), so every PUT connection owns its user. */
export function writeSeed(dir) {
  const demo = JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8'));
  const extra = Array.from({ length: BENCH_USER_COUNT }, (_, i) => ({
    userId: benchUserId(i),
    idDocument: `BENCH${String(i + 1).padStart(4, '0')}`,
    name: `Usuario de Prueba ${String.fromCharCode(65 + (i % 26))}`,
    country: 'EC',
    province: '09',
    city: '0901',
    phone1: '042345678',
    phone2: null,
    mobile: { carrier: 'CLARO', number: '0991234567' },
    fax: null,
    email: `${benchUserId(i)}@example.com`,
    password: DEMO_PASSWORD,
  }));
  const file = path.join(dir, 'bench-seed.json');
  writeFileSync(file, JSON.stringify([...demo, ...extra], null, 2));
  return file;
}

async function waitHealthy(url, child, logFile, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let log = '';
  try {
    log = readFileSync(logFile, 'utf8').slice(-4000);
  } catch {
    /* none */
  }
  throw new Error(`server at ${url} did not become healthy:\n${log}`);
}

function spawnServer(args, env, logFile) {
  // Logs go to a file, not through a pipe: the bench process must not spend CPU draining them.
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return child;
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/**
 * The real backend: `node out/server/src-server/main.js` on its own port, on its own SQLite file
 * unless `databaseUrl` names another database (e.g. PostgreSQL, shared by several instances).
 * `nodeArgs` go to node before the script (e.g. --cpu-prof for bench/profile-backend.mjs).
 */
export async function startBackend({ dir, seedFile, logLevel = 'info', databaseUrl, name = 'backend', nodeArgs = [] }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, `${name}.log`);
  const started = performance.now();
  const child = spawnServer(
    [...nodeArgs, SERVER_MAIN],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl ?? `sqlite:${path.join(dir, 'ecuapass.sqlite')}`,
      SANDBOX_SEED: seedFile,
      LOG_LEVEL: logLevel,
      SMTP_URL: '',
    },
    logFile,
  );
  await waitHealthy(url, child, logFile);
  return { url, pid: child.pid, logFile, logLevel, startMs: performance.now() - started, stop: stopper(child) };
}

/** The baseline: a bare Fastify server answering constant JSON bodies (same bytes as the real answers). */
export async function startBareServer({ dir, getBody, putBody, logLevel = 'info' }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'bare-server.log');
  const bodiesFile = path.join(dir, 'bare-bodies.json');
  writeFileSync(bodiesFile, JSON.stringify({ get: getBody, put: putBody }));
  const child = spawnServer(
    [path.join(BENCH_DIR, 'lib/bare-server.mjs')],
    { PORT: String(port), BARE_BODIES: bodiesFile, LOG_LEVEL: logLevel },
    logFile,
  );
  await waitHealthy(url, child, logFile);
  return { url, pid: child.pid, logFile, stop: stopper(child) };
}

export async function login(url, userId, password = DEMO_PASSWORD) {
  const res = await fetch(`${url}${API}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  const body = await res.json();
  if (res.status !== 201 || !body.token) throw new Error(`login ${userId} answered ${res.status}: ${JSON.stringify(body)}`);
  return body.token;
}

export async function getRegistration(url, token) {
  const res = await fetch(`${url}${API}/general-user/registration`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET registration answered ${res.status}: ${text}`);
  return { text, value: JSON.parse(text) };
}

/**
 * Sets each user's `version` to the stored one once no PUT is still landing: autocannon resolves when its time is up,
 * while the server may still commit PUTs that were in flight (~10 ms on PostgreSQL). A version read before such a
 * commit would make that user's every PUT of the next round a 409.
 */
export async function settleVersions(url, users) {
  const read = () => Promise.all(users.map(async (u) => (await getRegistration(url, u.token)).value.version));
  let versions = await read();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await read();
    if (again.every((v, k) => v === versions[k])) break;
    versions = again;
  }
  users.forEach((u, k) => (u.version = versions[k]));
}

/** The PUT body for a registration: the same contact data, keepEmail, and phone2 toggled so each update changes something. */
export function updateBodyFrom(reg, { flip = false } = {}) {
  return {
    version: reg.version,
    name: reg.name,
    country: reg.country,
    province: reg.province,
    city: reg.city,
    phone1: reg.phone1,
    phone2: flip ? '042345679' : null,
    mobile: { carrier: reg.mobile.carrier, number: reg.mobile.number },
    fax: reg.fax,
    keepEmail: true,
  };
}
