import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DatabaseLocation } from './database-url';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** Opens the database named by DATABASE_URL, creating the folder of a SQLite file when missing. */
export function openDatabase(location: DatabaseLocation): Db {
  if (location.file !== ':memory:') fs.mkdirSync(path.dirname(location.file), { recursive: true });
  const sqlite = new SqliteDatabase(location.file);
  // WAL: readers do not block the writer; foreign keys are off by default in SQLite;
  // busy_timeout: a second process (a test, the sqlite3 CLI) waits instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
