import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RegistrationSchema, type Registration } from '../../src-shared/contract';
import { keepEmailBody, REGISTRATION, usersWith } from '../integration/server/general-user-helpers';
import { API, DEMO_PASSWORD } from '../integration/server/harness';
import { TEST_DIALECT } from '../integration/server/test-database';
import { figures } from './support/summary';
import { freePort } from '../support/free-port';

/**
 * Issue #6, crash: the real backend process (`node out/server/src-server/main.js`) takes a loop of
 * PUTs from several users; it is killed with SIGKILL mid-loop, restarted on the same DATABASE_URL
 * (without SANDBOX_SEED: the seed upserts users and bumps their versions, which would hide a lost
 * write), and then the SQLite file passes PRAGMA integrity_check and every write acknowledged before
 * the kill is there: the stored version is at least the acknowledged one, and the values are those
 * of the write that made the stored version (the last acknowledged one, or the one in flight at the
 * kill). Two kill/restart rounds.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAIN_JS = path.join(ROOT, 'out/server/src-server/main.js');
const USERS = Array.from({ length: 8 }, (_, i) => `choque${i}`);
const ROUNDS = 2;

const fig = figures('crash-recovery');
const rounds: Record<string, unknown>[] = [];
fig.details.rounds = rounds;

let dir: string;
let dbFile: string;
/** DATABASE_URL of the backend: the SQLite file, or a database of its own on the run's private PostgreSQL. */
let databaseUrl: string;
let pgDatabase: string | undefined;
let seedFile: string;
let child: ChildProcess | undefined;
let logTail = '';

/** The newest modification time under a folder. */
function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the backend when its output is missing or older than its sources. */
function ensureBuilt(): void {
  const built = fs.existsSync(MAIN_JS) ? fs.statSync(MAIN_JS).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, 'src-server')), newestMtime(path.join(ROOT, 'src-shared')));
  if (built >= sources) return;
  try {
    execFileSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: 'pipe', timeout: 150_000 });
    fig.details.built = true;
  } catch (err) {
    // Someone else's half-finished edit may not compile: an older build still tests crash recovery.
    if (!fs.existsSync(MAIN_JS)) throw err;
    console.warn(`[crash-recovery] build:server failed, using the existing ${path.relative(ROOT, MAIN_JS)}`);
    fig.details.built = 'failed; used the existing build';
  }
}

/** Starts the backend process and waits until /health answers. */
async function startBackend(withSeed: boolean): Promise<string> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  delete env.SANDBOX_SEED;
  delete env.SMTP_URL;
  if (withSeed) env.SANDBOX_SEED = seedFile;
  const proc = spawn(process.execPath, [MAIN_JS], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  const keep = (chunk: Buffer) => (logTail = (logTail + chunk.toString()).slice(-4_000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`backend exited with ${proc.exitCode}:\n${logTail}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return url;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`backend did not answer /health within 30 s:\n${logTail}`);
}

async function killHard(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  await exited;
}

async function stopGently(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('ecuapassPg').adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

interface Stored {
  version: number;
  phone1: string;
  fax: string | null;
  audits: number;
}

/**
 * After the kill: the database's own integrity check (SQLite: integrity_check and foreign_key_check;
 * PostgreSQL, whose server did not crash, has no such pragma: rows that reference a missing user
 * must not exist), and each user's stored row with its number of update audit rows.
 */
async function inspect(users: string[]): Promise<{ integrity: string; rows: Map<string, Stored> }> {
  const rows = new Map<string, Stored>();
  const auditSql = "SELECT count(*) AS n FROM audit_log WHERE user_id = $1 AND action = 'registration.update'";
  if (TEST_DIALECT === 'postgres') {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const orphans = await client.query(
        'SELECT (SELECT count(*) FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id)) + (SELECT count(*) FROM password_tickets t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = t.user_id)) AS n',
      );
      for (const userId of users) {
        const row = (await client.query('SELECT version, phone1, fax FROM users WHERE user_id = $1', [userId])).rows[0] as Omit<Stored, 'audits'>;
        const audits = Number((await client.query(auditSql, [userId])).rows[0]?.n);
        rows.set(userId, { ...row, audits });
      }
      return { integrity: Number(orphans.rows[0]?.n) === 0 ? 'ok' : `orphan rows: ${orphans.rows[0]?.n}`, rows };
    } finally {
      await client.end();
    }
  }
  const db = new SqliteDatabase(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const fk = db.pragma('foreign_key_check') as unknown[];
    for (const userId of users) {
      const row = db.prepare('SELECT version, phone1, fax FROM users WHERE user_id = ?').get(userId) as Omit<Stored, 'audits'>;
      const audits = (db.prepare(auditSql.replace('$1', '?')).get(userId) as { n: number }).n;
      rows.set(userId, { ...row, audits });
    }
    return { integrity: fk.length === 0 ? integrity : `foreign_key_check: ${JSON.stringify(fk)}`, rows };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-crash-'));
  dbFile = path.join(dir, 'crash.sqlite');
  databaseUrl = `sqlite:${dbFile}`;
  if (TEST_DIALECT === 'postgres') {
    pgDatabase = `crash_${process.pid}_${Date.now()}`;
    await adminQuery(`CREATE DATABASE ${pgDatabase}`);
    const url = new URL(inject('ecuapassPg').adminUrl);
    url.pathname = `/${pgDatabase}`;
    databaseUrl = url.toString();
  }
  seedFile = path.join(dir, 'seed.json');
  const demo = usersWith(...USERS).filter((u) => USERS.includes(u.userId));
  fs.writeFileSync(seedFile, JSON.stringify(demo));
});

afterAll(async () => {
  await stopGently();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (pgDatabase) await adminQuery(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  fig.save();
});

interface Write {
  version: number;
  phone1: string;
  fax: string | null;
}

describe('crash recovery of the real backend process', () => {
  it(`${ROUNDS} rounds: a PUT loop of ${USERS.length} users, SIGKILL mid-loop, restart without the seed, integrity_check ok, no acknowledged write lost`, async () => {
    let base = await startBackend(true);
    const tokens = new Map<string, string>();
    await Promise.all(
      USERS.map(async (userId) => {
        const res = await fetch(`${base}${API}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, password: DEMO_PASSWORD }) });
        fig.requestsSent++;
        expect(res.status, `login ${userId}`).toBe(201);
        tokens.set(userId, ((await res.json()) as { token: string }).token);
      }),
    );

    /** Per user: the last acknowledged write, and every write sent, by the version it would make. */
    const lastAck = new Map<string, Write>();
    const attempted = new Map<string, Map<number, Write>>(USERS.map((u) => [u, new Map()]));
    let counter = 0;
    let acknowledged = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      const acksThisRound = { n: 0 };
      const killAfter = 120 + Math.floor(Math.random() * 120);
      let cut = 0;
      let killed: Promise<void> | undefined;

      const writer = async (userId: string) => {
        const token = tokens.get(userId) as string;
        const auth = { authorization: `Bearer ${token}` };
        let reg: Registration;
        try {
          const res = await fetch(base + REGISTRATION, { headers: auth });
          fig.requestsSent++;
          reg = RegistrationSchema.parse(await res.json());
        } catch {
          return;
        }
        for (;;) {
          const n = ++counter;
          const write: Write = { version: reg.version + 1, phone1: `04${String(n).padStart(7, '0')}`, fax: String(5_000_000 + n) };
          attempted.get(userId)?.set(write.version, write);
          let res: Response;
          try {
            res = await fetch(base + REGISTRATION, {
              method: 'PUT',
              headers: { ...auth, 'content-type': 'application/json' },
              body: JSON.stringify(keepEmailBody(reg, { phone1: write.phone1, fax: write.fax })),
            });
            fig.requestsSent++;
          } catch {
            // The process died with this request in flight: it may or may not have been committed.
            cut++;
            return;
          }
          if (res.status !== 200) throw new Error(`PUT ${userId} answered ${res.status}: ${await res.text()}`);
          let saved: Registration;
          try {
            saved = RegistrationSchema.parse(await res.json());
          } catch {
            cut++;
            return;
          }
          expect(saved.version).toBe(write.version);
          lastAck.set(userId, write);
          acknowledged++;
          reg = saved;
          if (++acksThisRound.n === killAfter) killed = killHard();
        }
      };
      await Promise.all(USERS.map(writer));
      await killed;
      expect(child?.signalCode).toBe('SIGKILL');
      fig.faultsInjected += 1 + cut;

      // Restart on the same file, WITHOUT the seed (it would bump every version).
      base = await startBackend(false);

      let lost = 0;
      let inFlightCommitted = 0;
      const inspected = await inspect(USERS);
      const integrity = inspected.integrity;
      expect(integrity).toBe('ok');
      {
        for (const userId of USERS) {
          const ack = lastAck.get(userId);
          const row = inspected.rows.get(userId) as Stored;
          // Nothing half-written: every version step has the audit row of its transaction (the seed made version 1).
          expect(row.audits, userId).toBe(row.version - 1);
          if (!ack) continue;
          if (row.version < ack.version) {
            lost++;
            continue;
          }
          // The stored values are those of the write that made the stored version.
          const maker = row.version === ack.version ? ack : attempted.get(userId)?.get(row.version);
          if (row.version > ack.version) inFlightCommitted++;
          if (!maker || maker.phone1 !== row.phone1 || maker.fax !== row.fax) lost++;
          // At most the one request that was in flight for this user can have been committed unacknowledged.
          expect(row.version - ack.version).toBeLessThanOrEqual(1);
        }
      }

      // The restarted backend serves the same data, to the same sessions.
      for (const userId of USERS) {
        const res = await fetch(base + REGISTRATION, { headers: { authorization: `Bearer ${tokens.get(userId)}` } });
        fig.requestsSent++;
        expect(res.status).toBe(200);
        const reg = RegistrationSchema.parse(await res.json());
        const ack = lastAck.get(userId);
        if (ack) expect(reg.version).toBeGreaterThanOrEqual(ack.version);
      }

      fig.dataLost += lost;
      rounds.push({
        round,
        killedAfterAcks: acksThisRound.n,
        requestsCutByTheKill: cut,
        unacknowledgedButCommitted: inFlightCommitted,
        integrityCheck: integrity,
        acknowledgedWritesSoFar: acknowledged,
        lost,
      });
      expect(lost, `round ${round}: acknowledged writes lost`).toBe(0);
    }
    fig.details.writesSent = counter;
    fig.details.writesAcknowledged = acknowledged;
  });
});
