import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { MailboxSchema, type MailboxEntry } from '../../../src-shared/contract';
import { buildApp } from '../../../src-server/app';
import type { GeneralUserLimits } from '../../../src-server/general-user/limits';
import type { PasswordWorkLimits } from '../../../src-server/security/password-work-budget';
import { migrateToLatest } from '../../../src-server/db/migrate';
import { openDatabase, type Db } from '../../../src-server/db/open-database';
import { loadSeed } from '../../../src-server/seed/load-seed';
import type { SeedUser } from '../../../src-server/seed/seed-schema';
import { upsertSeedUsers } from '../../../src-server/seed/upsert-seed-users';
import { FakeClock } from './fake-clock';

export const DEMO_USERS_FILE = path.resolve(__dirname, '../../../src-server/sandbox/demo-users.json');
export const DEMO_PASSWORD = 'Aduana#2026';
export const API = '/api/v1';

export interface StartOptions {
  /** Seed users; the repo's demo users when omitted. */
  users?: SeedUser[];
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
  /** Send mail by SMTP to this URL instead of the sandbox mailbox. */
  smtpUrl?: string;
  generalUserLimits?: Partial<GeneralUserLimits>;
  /**
   * The password-work budget. Tests share one source (127.0.0.1) and log in far more often than a
   * person, so the per-source limits and the shedding are off unless a test passes them (the budget's own tests do).
   */
  passwordWork?: Partial<PasswordWorkLimits>;
  /** Reuse the database of an earlier (closed with keepFiles) server, as after a restart. */
  dir?: string;
  clock?: FakeClock;
  /** Seed at start (default true); a restarted server keeps what is in its database. */
  seed?: boolean;
}

export interface TestServer {
  baseUrl: string;
  /** The SQLite file, for tests that read or set rows directly. */
  dbPath: string;
  db: Db;
  clock: FakeClock;
  app: FastifyInstance;
  /** POST /sessions and return the raw Response. */
  postSession(body: unknown): Promise<Response>;
  /** Logs in and returns the token; fails the test unless the answer is 201. */
  login(userId: string, password?: string): Promise<string>;
  /** fetch with the base URL and, when given, the bearer token. */
  request(pathname: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** A JSON request with the bearer token: `send('PUT', '/api/v1/…', token, body)`. */
  send(method: string, pathname: string, token: string | undefined, body: unknown): Promise<Response>;
  /** GET /dev/mailbox, validated with the contract. */
  mailbox(): Promise<MailboxEntry[]>;
  /** The bytes of the SQLite file and its WAL, to prove a secret was never written. */
  dbBytes(): Buffer;
  /** The temp folder of the database (for a restart with `dir`). */
  dir: string;
  /** Runs SQL on a separate connection (as an operator would), e.g. to set flags the API cannot set yet. */
  sql(statement: string, ...params: unknown[]): void;
  /** Forgets every login and "Verificar contraseña" try (Kysely, so it runs on any dialect). */
  clearAttempts(): Promise<void>;
  /** Every row of users, sessions and audit_log, to prove a request changed nothing. */
  dump(): Record<(typeof DUMPED_TABLES)[number], unknown[]>;
  /** Stops the server and deletes its files, unless keepFiles (a later server reuses `dir`). */
  close(options?: { keepFiles?: boolean }): Promise<void>;
}

/** Every table a request could change, for "nothing changed" checks. */
export const DUMPED_TABLES = [
  'users',
  'sessions',
  'audit_log',
  'password_tickets',
  'email_security_codes',
  'security_code_sends',
  'sandbox_mailbox',
  'attempt_counters',
] as const;

/** Starts the real backend on 127.0.0.1, port 0, over a fresh SQLite file in a temp folder. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-it-'));
  const dbPath = path.join(dir, 'ecuapass.sqlite');
  const clock = options.clock ?? new FakeClock();
  const db = openDatabase({ dialect: 'sqlite', file: dbPath });
  await migrateToLatest(db);
  if (options.seed ?? true) await upsertSeedUsers(db, clock, options.users ?? loadSeed(DEMO_USERS_FILE));
  const app = await buildApp({
    db,
    clock,
    config: {
      sessionIdleMinutes: options.sessionIdleMinutes ?? 30,
      sessionAbsoluteHours: options.sessionAbsoluteHours ?? 8,
      ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
      ...(options.generalUserLimits ? { generalUserLimits: options.generalUserLimits } : {}),
      passwordWork: { perSourceBurst: 1e9, perSourcePerMinute: 1e9, perSourceInFlight: 1e9, queueMax: 1e9, refusalDelayMs: 0, ...options.passwordWork },
    },
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const request = (pathname: string, init: RequestInit & { token?: string } = {}) => {
    const { token, headers, ...rest } = init;
    const h = new Headers(headers);
    if (token !== undefined) h.set('authorization', `Bearer ${token}`);
    return fetch(baseUrl + pathname, { ...rest, headers: h });
  };
  const postSession = (body: unknown) =>
    request(`${API}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const withSqlite = <T>(fn: (s: SqliteDatabase.Database) => T): T => {
    const s = new SqliteDatabase(dbPath);
    try {
      return fn(s);
    } finally {
      s.close();
    }
  };

  const send = (method: string, pathname: string, token: string | undefined, body: unknown) =>
    request(pathname, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(token === undefined ? {} : { token }),
    });

  return {
    baseUrl,
    dbPath,
    dir,
    send,
    async mailbox() {
      const res = await request('/dev/mailbox');
      if (res.status !== 200) throw new Error(`GET /dev/mailbox answered ${res.status}`);
      return MailboxSchema.parse(await res.json());
    },
    dbBytes() {
      const parts = [dbPath, `${dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
      return Buffer.concat(parts);
    },
    db,
    clock,
    app,
    request,
    postSession,
    async login(userId, password = DEMO_PASSWORD) {
      const res = await postSession({ userId, password });
      const body = (await res.json()) as { token?: string };
      if (res.status !== 201 || !body.token) throw new Error(`login ${userId} answered ${res.status}: ${JSON.stringify(body)}`);
      return body.token;
    },
    async clearAttempts() {
      await db.deleteFrom('attempt_counters').execute();
    },
    sql(statement, ...params) {
      withSqlite((s) => s.prepare(statement).run(...params));
    },
    dump() {
      return withSqlite(
        (s) =>
          Object.fromEntries(DUMPED_TABLES.map((t) => [t, s.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])) as Record<
            (typeof DUMPED_TABLES)[number],
            unknown[]
          >,
      );
    },
    async close(closeOptions = {}) {
      await app.close();
      await db.destroy();
      if (!closeOptions.keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads an error body and returns it, for `expect(...).toMatchObject`. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const body = (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  return body.error;
}
