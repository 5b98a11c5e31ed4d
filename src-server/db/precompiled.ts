import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import { isPostgres } from './dialect';
import type { MaybePromise } from './maybe-async';
import { sqliteHandleOf, type Db, type SqliteHandle } from './open-database';

/** A value no real argument can be: marks where argument `i` lands among the compiled parameters. */
const sentinel = (i: number) => `\u0000precompiled-argument-${i}\u0000`;

interface Compiled {
  sql: string;
  /** Per compiled parameter: the index of the argument it takes, or a constant of the query itself. */
  slots: ({ arg: number } | { value: unknown })[];
}

/**
 * A hot query built and compiled by Kysely once per dialect, then run as a CompiledQuery with the
 * call's values (issue #15: Kysely's per-request build + compile was ~10 % of a GET). `build` is
 * written with Kysely as usual; it is called once per dialect with placeholder arguments, and each
 * later call binds the real ones in their places. Both dialects keep Kysely's own SQL text and
 * driver (PostgreSQL's pool, SQLite's statement cache), so a precompiled query behaves exactly as
 * the built one. Every argument must be used as a value (a parameter), never to choose the query's
 * shape: the shape is fixed at the first call.
 */
export function precompiled<Args extends unknown[], Row>(
  arity: Args['length'],
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<QueryResult<Row>> {
  const bind = binder(arity, build);
  return async (db, ...args) => {
    const { sql, parameters } = bind(db, args);
    if (!isPostgres(db)) {
      const direct = runOnSqlite<Row>(db, sql, parameters);
      if (direct) return direct;
    }
    return db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>);
  };
}

/**
 * A precompiled query whose rows come back as arrays, one value per name of `columns`, in that
 * order: `build` must select exactly those columns, in that order (checked on SQLite at first use).
 * On SQLite the statement is run in better-sqlite3's raw mode, which skips building an object with a
 * key per column for each row (issue #15: the session + user row has 22 columns, read on every
 * authenticated request); on PostgreSQL Kysely's object rows are read in the same order. On SQLite
 * the rows are returned synchronously (see MaybePromise).
 */
export function precompiledTuples<Args extends unknown[]>(
  arity: Args['length'],
  columns: readonly string[],
  build: (db: Db, ...args: Args) => Compilable<unknown>,
): (db: Db, ...args: Args) => MaybePromise<unknown[][]> {
  const bind = binder(arity, build);
  // Its own statement per connection, kept in raw mode (Kysely's cached one returns objects).
  // better-sqlite3 runs it to its end inside all(), so it is never busy when the next call comes.
  const rawStatements = new WeakMap<SqliteHandle, SqliteDatabase.Statement>();
  return (db, ...args) => {
    const { sql, parameters } = bind(db, args);
    const handle = isPostgres(db) ? undefined : directSqlite(db);
    if (handle) {
      let stmt = rawStatements.get(handle);
      if (!stmt) {
        stmt = handle.sqlite.prepare(sql);
        const names = stmt.columns().map((c) => c.name);
        if (names.join(',') !== columns.join(',')) throw new Error(`precompiled tuples: ${sql} selects ${names.join(',')}, not ${columns.join(',')}`);
        stmt.raw(true);
        rawStatements.set(handle, stmt);
      }
      return stmt.all(parameters) as unknown[][];
    }
    return db
      .executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<Record<string, unknown>>)
      .then(({ rows }) => rows.map((row) => columns.map((c) => row[c])));
  };
}

/** Compiles `build` once per dialect; then binds a call's arguments into the compiled parameters. */
function binder<Args extends unknown[]>(
  arity: number,
  build: (db: Db, ...args: Args) => Compilable<unknown>,
): (db: Db, args: Args) => { sql: string; parameters: unknown[] } {
  const byDialect: { postgres?: Compiled; sqlite?: Compiled } = {};
  const compile = (db: Db): Compiled => {
    const args = Array.from({ length: arity }, (_, i) => sentinel(i)) as unknown as Args;
    const query = build(db, ...args).compile();
    const seen = new Set<number>();
    const slots = query.parameters.map((p) => {
      const arg = typeof p === 'string' ? args.indexOf(p) : -1;
      if (arg < 0) return { value: p };
      seen.add(arg);
      return { arg };
    });
    if (seen.size !== arity) throw new Error(`precompiled query: an argument is not a parameter of ${query.sql}`);
    return { sql: query.sql, slots };
  };
  return (db, args) => {
    const compiled = (byDialect[isPostgres(db) ? 'postgres' : 'sqlite'] ??= compile(db));
    return { sql: compiled.sql, parameters: compiled.slots.map((s) => ('arg' in s ? args[s.arg] : s.value)) };
  };
}

/**
 * Runs a statement straight on the SQLite connection, as Kysely's driver would (same cached
 * statement, same result shape), without its executor's per-query work (issue #15) — but only when
 * that cannot interleave with someone else's transaction. better-sqlite3 runs a statement to its end
 * synchronously, so: inside a transaction, only its owner holds `trx` (Kysely gives the connection to
 * one transaction at a time); outside, only when no transaction is open on the connection (the
 * statement is then its own). Otherwise undefined: the caller goes through Kysely, which waits for
 * the connection.
 */
export function runOnSqlite<Row>(db: Db, sql: string, parameters: readonly unknown[]): QueryResult<Row> | undefined {
  const handle = directSqlite(db);
  if (!handle) return undefined;
  const stmt = handle.prepare(sql);
  if (stmt.reader) return { rows: stmt.all(parameters) as Row[] };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** The SQLite connection under `db` when a statement may run on it directly now (see runOnSqlite), else undefined. */
function directSqlite(db: Db): SqliteHandle | undefined {
  const handle = sqliteHandleOf(db);
  return handle && (db.isTransaction || !handle.sqlite.inTransaction) ? handle : undefined;
}
