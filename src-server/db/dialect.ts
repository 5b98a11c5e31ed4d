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

/**
 * The database cannot take writes right now, through no fault of the request (issue #11 case 9):
 * disk full, read-only file or database, locked by another writer beyond the wait, I/O error. The
 * client gets 503 and may try again; it is never a 500. (A database that is down or restarting is
 * isDatabaseUnavailable's, with its own message.)
 */
export function isStorageUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  // SQLite's extended codes carry the primary one as a prefix (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, …).
  if (/^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|NOMEM)/.test(code)) return true;
  // PostgreSQL: 53xxx insufficient resources (53100 disk full), 25006 read-only transaction, 55P03 lock not available.
  // (53300, too many connections, is "unavailable" rather than storage: isDatabaseUnavailable.)
  if ((/^53/.test(code) && code !== '53300') || code === '25006' || code === '55P03') return true;
  return e.cause !== undefined && e.cause !== err && isStorageUnavailable(e.cause);
}
