import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseLocation } from '../../../src-server/db/database-url';
import type {} from '../../support/postgres-global-setup';

/**
 * The database behind one test backend, on the dialect this run tests: SQLite (a file in the
 * test's temp folder; the default) or PostgreSQL (a fresh database on the private server that the
 * `integration-postgres` project's global setup started; see test/support/postgres-global-setup.ts).
 * Tests reach rows through it "as an operator would": a separate connection, plain SQL with `?`.
 */
export interface TestDatabase {
  dialect: 'sqlite' | 'postgres';
  location: DatabaseLocation;
  /** The SQLite file (undefined on PostgreSQL). */
  file: string | undefined;
  run(statement: string, params: readonly unknown[]): Promise<void>;
  all(statement: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Everything the database has written to disk, to prove a secret never was. */
  bytes(): Promise<Buffer>;
  /** Deletes the database (the SQLite file goes with its folder). */
  drop(): Promise<void>;
}

export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.ECUAPASS_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

function pgEnv(): { adminUrl: string; dataDir: string } {
  const pgServer = inject('ecuapassPg');
  if (!pgServer) throw new Error('ECUAPASS_TEST_DB=postgres needs the private server of test/support/postgres-global-setup.ts (globalSetup)');
  return pgServer;
}

/** `?` placeholders → `$1, $2…` (the tests' statements hold no literal question marks). */
export function toPgPlaceholders(statement: string): string {
  let n = 0;
  return statement.replace(/\?/g, () => `$${++n}`);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function sqliteDatabase(dir: string): TestDatabase {
  const file = path.join(dir, 'ecuapass.sqlite');
  const withSqlite = <T>(fn: (s: SqliteDatabase.Database) => T): T => {
    const s = new SqliteDatabase(file);
    try {
      return fn(s);
    } finally {
      s.close();
    }
  };
  return {
    dialect: 'sqlite',
    location: { dialect: 'sqlite', file },
    file,
    async run(statement, params) {
      withSqlite((s) => s.prepare(statement).run(...params));
    },
    async all(statement, params = []) {
      return withSqlite((s) => s.prepare(statement).all(...params) as Record<string, unknown>[]);
    },
    async bytes() {
      return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    },
    async drop() {},
  };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A PostgreSQL database named in `dir/pg-database` (so a restarted server with the same dir finds it). */
async function postgresDatabase(dir: string): Promise<TestDatabase> {
  const { adminUrl, dataDir } = pgEnv();
  const nameFile = path.join(dir, 'pg-database');
  let name: string;
  if (fs.existsSync(nameFile)) {
    name = fs.readFileSync(nameFile, 'utf8').trim();
  } else {
    name = `it_${crypto.randomBytes(6).toString('hex')}`;
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    fs.writeFileSync(nameFile, name);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  return {
    dialect: 'postgres',
    location: { dialect: 'postgres', url: dbUrl, display: `${url.host}/${name}` },
    file: undefined,
    async run(statement, params) {
      await withClient(dbUrl, (c) => c.query(toPgPlaceholders(statement), [...params]));
    },
    async all(statement, params = []) {
      return withClient(dbUrl, async (c) => (await c.query(toPgPlaceholders(statement), [...params])).rows as Record<string, unknown>[]);
    },
    async bytes() {
      // A checkpoint writes every dirty page, so the files hold all that was committed; the WAL holds
      // every change ever logged (also of other databases: a superset, which only makes the check stricter).
      const oid = await withClient(dbUrl, async (c) => {
        await c.query('CHECKPOINT');
        return (await c.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0]?.oid;
      });
      const files = [...filesUnder(path.join(dataDir, 'base', String(oid))), ...filesUnder(path.join(dataDir, 'pg_wal'))];
      return Buffer.concat(files.map((f) => fs.readFileSync(f)));
    },
    async drop() {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function openTestDatabase(dir: string): Promise<TestDatabase> {
  return TEST_DIALECT === 'postgres' ? postgresDatabase(dir) : Promise.resolve(sqliteDatabase(dir));
}
