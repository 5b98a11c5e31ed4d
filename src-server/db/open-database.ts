import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseLocation } from './database-url';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface OpenOptions {
  /**
   * Called when an idle pooled PostgreSQL connection breaks (the server restarted, the network
   * dropped). pg emits these as 'error' events, which would crash the process if nobody listened;
   * the pool replaces the connection and the next query reconnects.
   */
  onConnectionError?: (err: Error) => void;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Opens the database named by DATABASE_URL, creating the folder of a SQLite file when missing. */
export function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): Db {
  if (location.dialect === 'postgres') return openPostgres(location.url, options);
  if (location.file !== ':memory:') fs.mkdirSync(path.dirname(location.file), { recursive: true });
  const sqlite = new SqliteDatabase(location.file);
  // WAL: readers do not block the writer; foreign keys are off by default in SQLite;
  // busy_timeout: a second process (a test, the sqlite3 CLI) waits instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const prepare = cachedPrepare(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: rollbackTolerant(sqlite, prepare) }) });
  // Shared by the database and every transaction of it.
  sqliteHandles.set(db.getExecutor().adapter, { sqlite, prepare });
  return db;
}

/** The connection under a SQLite Db (or one of its transactions) and its statement cache. */
export interface SqliteHandle {
  sqlite: SqliteDatabase.Database;
  prepare: (source: string) => SqliteDatabase.Statement;
}

const sqliteHandles = new WeakMap<object, SqliteHandle>();

/** The SQLite connection of `db`, for the precompiled hot queries (db/precompiled.ts); undefined on PostgreSQL. */
export function sqliteHandleOf(db: Db): SqliteHandle | undefined {
  return sqliteHandles.get(db.getExecutor().adapter);
}

/**
 * On some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY mid-transaction) SQLite
 * has already rolled the transaction back itself. Kysely's ROLLBACK would then fail with "no
 * transaction is active" and that error would replace the real one, so a full disk became a 500
 * instead of a 503 (issue #11). A ROLLBACK with no transaction open is therefore a no-op.
 */
function rollbackTolerant(
  sqlite: SqliteDatabase.Database,
  prepare: (source: string) => SqliteDatabase.Statement,
): SqliteDatabase.Database {
  const noop = prepare('SELECT 1 WHERE 0');
  return new Proxy(sqlite, {
    get(target, key, receiver) {
      if (key !== 'prepare') {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (source: string) => (/^\s*rollback\s*$/i.test(source) && !target.inTransaction ? noop : prepare(source));
    },
  });
}

/** Distinct SQL texts kept prepared; the app has a few dozen, the bound only stops a runaway. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely's SQLite driver prepares every query again; under the bench's GET load that was ~14 % of
 * the backend's CPU (issue #15 profile). Kysely compiles the same SQL text for the same query shape
 * (values are parameters), so a statement is prepared once per text and reused. SQLite re-prepares
 * a cached statement itself after a schema change (sqlite3_prepare_v2). A statement still being
 * iterated is busy and cannot be run again, so then a fresh one is prepared.
 */
function cachedPrepare(sqlite: SqliteDatabase.Database): (source: string) => SqliteDatabase.Statement {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return (source) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const statement = sqlite.prepare(source);
    if (!hit) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  };
}

function openPostgres(url: string, options: OpenOptions): Db {
  const pool = new Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // While the database is down a request fails within seconds (503) instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A query stuck behind a lock or a dead server is cut off rather than holding a request forever.
    query_timeout: 30_000,
    application_name: 'ecuapass-backend',
  });
  const onError = options.onConnectionError ?? ((err: Error) => console.error(`ecuapass-server: database connection lost: ${err.message}`));
  pool.on('error', onError);
  // The pool listens for errors only on idle clients. A client checked out by a request (between the
  // statements of a transaction) that loses its server emits 'error' with no listener, which would
  // end the process: the database restarting must cost 503s, never the instance. Its query in
  // flight, if any, rejects on its own and is answered 503.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
