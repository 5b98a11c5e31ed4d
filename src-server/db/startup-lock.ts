import { sql } from 'kysely';
import { isPostgres } from './dialect';
import type { Db } from './open-database';

/** Any fixed 64-bit number, the same in every instance: it names "the backend is starting". */
const STARTUP_LOCK_ID = 4_010_014;

/**
 * Runs the start-up work (migrations, seed) while holding a PostgreSQL session advisory lock, so
 * N instances started at once take turns: the first migrates and seeds, the others then find the
 * schema current and the seed already applied. Kysely's own migration lock does not cover creating
 * its bookkeeping tables (two instances would race on CREATE TABLE) nor the seed. The lock is held
 * on one reserved connection and is released by the server if this process dies. SQLite: one file
 * has one writer, and its transactions already serialise, so `work` simply runs.
 */
export async function withStartupLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(STARTUP_LOCK_ID)})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(STARTUP_LOCK_ID)})`.execute(conn);
    }
  });
}
