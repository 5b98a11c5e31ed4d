import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Db } from './open-database';

/**
 * The few places where SQLite and PostgreSQL differ, in one file. Everything else is written
 * once in Kysely's portable subset.
 */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Locks the user's row until the transaction ends, so read-then-write flows on that user (send
 * limits, tickets) run one at a time across instances. PostgreSQL runs READ COMMITTED, where two
 * transactions may both read "no recent send" and both insert; SELECT … FOR UPDATE makes the second
 * wait for the first to commit. SQLite has a single writer per file and the driver runs one
 * transaction at a time per connection, so nothing is needed there.
 */
export async function lockUserRow(trx: Db, userId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select user_id from users where user_id = ${userId} for update`.execute(trx);
}

/** A unique index refused the write: SQLite names the index or the column; PostgreSQL gives 23505 and the index. */
export function isUniqueViolation(err: unknown, index: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === '23505') return e.constraint === index;
  return typeof e.message === 'string' && /UNIQUE constraint failed/.test(e.message) && e.message.includes(index);
}

/** Errors that mean "the database cannot be reached right now", as opposed to a bug. */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash, cannot connect now),
  // 53300 (too many connections).
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return true;
  if (UNAVAILABLE_NODE_CODES.has(code)) return true;
  if (/timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout/i.test(message)) return true;
  // SQLite: the file is locked by another process beyond busy_timeout, or the disk went away.
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_IOERR' || code === 'SQLITE_CANTOPEN') return true;
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause);
}
