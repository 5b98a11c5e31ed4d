import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { MailboxSchema, type MailboxEntry } from '../../../src-shared/contract';
import { buildApp } from '../../../src-server/app';
import type { GeneralUserLimits } from '../../../src-server/general-user/limits';
import type { PasswordWorkLimits } from '../../../src-server/security/password-work-budget';
import { migrateToLatest } from '../../../src-server/db/migrate';
import { openDatabase, type Db } from '../../../src-server/db/open-database';
import { withStartupLock } from '../../../src-server/db/startup-lock';
import { loadSeed } from '../../../src-server/seed/load-seed';
import type { SeedUser } from '../../../src-server/seed/seed-schema';
import { upsertSeedUsers } from '../../../src-server/seed/upsert-seed-users';
import { FakeClock } from './fake-clock';
import { openTestDatabase, type TestDatabase } from './test-database';

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
  /** The SQLite file (undefined on PostgreSQL: use `sql`, `dump` and `dbBytes`, which work on both). */
  dbPath: string | undefined;
  /** The database of this server, on the dialect this run tests. */
  database: TestDatabase;
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
  /** What the database wrote to disk (SQLite file + WAL; PostgreSQL files + WAL), to prove a secret never was. */
  dbBytes(): Promise<Buffer>;
  /** The temp folder of the database (for a restart with `dir`). */
  dir: string;
  /** Runs SQL on a separate connection (as an operator would), e.g. to set flags the API cannot set yet. */
  sql(statement: string, ...params: unknown[]): Promise<void>;
  /** Forgets every login and "Verificar contraseña" try (Kysely, so it runs on any dialect). */
  clearAttempts(): Promise<void>;
  /** Every row of every table, in key order, to prove a request changed nothing. */
  dump(): Promise<Record<(typeof DUMPED_TABLES)[number], unknown[]>>;
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
  'device_tokens',
  'password_resets',
  'two_factor',
  'recovery_codes',
  'login_challenges',
] as const;

/** The key that orders each table's dump the same way on both dialects (PostgreSQL has no rowid). */
const DUMP_ORDER: Record<(typeof DUMPED_TABLES)[number], string> = {
  users: 'user_id',
  sessions: 'created_at, token_hash',
  audit_log: 'id',
  password_tickets: 'created_at, ticket_hash',
  email_security_codes: 'user_id',
  security_code_sends: 'id',
  sandbox_mailbox: 'id',
  attempt_counters: 'scope, subject',
  device_tokens: 'created_at, id',
  password_resets: 'user_id',
  two_factor: 'user_id',
  recovery_codes: 'user_id, code_hash',
  login_challenges: 'created_at, challenge_hash',
};

/**
 * Starts the real backend on 127.0.0.1, port 0, over a fresh database: a SQLite file in a temp
 * folder, or (ECUAPASS_TEST_DB=postgres) a new database on the run's private PostgreSQL server.
 */
/**
 * One backend for a whole test file: started before its first test, closed after its last. The value forwards to
 * that server, so the file's tests use it as a TestServer; options may be a function when they need something
 * another hook made first (an SMTP receiver, say).
 */
export function serverForFile(options: StartOptions | (() => StartOptions) = {}): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startServer(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!current) throw new Error('the test server starts in beforeAll: use it inside a test or a later hook');
      const value: unknown = Reflect.get(current, key, current);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-it-'));
  const database = await openTestDatabase(dir);
  const dbPath = database.file;
  const clock = options.clock ?? new FakeClock();
  const db = openDatabase(database.location);
  await withStartupLock(db, async () => {
    await migrateToLatest(db);
    if (options.seed ?? true) await upsertSeedUsers(db, clock, options.users ?? loadSeed(DEMO_USERS_FILE));
  });
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
    database,
    dir,
    send,
    async mailbox() {
      const res = await request('/dev/mailbox');
      if (res.status !== 200) throw new Error(`GET /dev/mailbox answered ${res.status}`);
      return MailboxSchema.parse(await res.json());
    },
    dbBytes: () => database.bytes(),
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
    sql: (statement, ...params) => database.run(statement, params),
    async dump() {
      const entries = [];
      for (const t of DUMPED_TABLES) entries.push([t, await database.all(`SELECT * FROM ${t} ORDER BY ${DUMP_ORDER[t]}`)]);
      return Object.fromEntries(entries) as Record<(typeof DUMPED_TABLES)[number], unknown[]>;
    },
    async close(closeOptions = {}) {
      await app.close();
      await db.destroy();
      if (!closeOptions.keepFiles) {
        await database.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The SQLite file of a server, for the checks that read it directly (they run on the SQLite dialect only). */
export function sqliteFileOf(server: TestServer): string {
  if (server.dbPath === undefined) throw new Error('this check reads the SQLite file directly: run it with ECUAPASS_TEST_DB unset');
  return server.dbPath;
}

/** Reads an error body and returns it, for `expect(...).toMatchObject`. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const body = (await res.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  return body.error;
}
