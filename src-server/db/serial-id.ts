import type { CreateTableBuilder, Kysely } from 'kysely';
import { isPostgres } from './dialect';

/**
 * Adds the auto-increment integer key `id`: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT (the rowid),
 * PostgreSQL's `serial` (an int4 with a sequence, so it reads back as a JS number on both).
 */
export function addSerialId<TB extends string, C extends string>(db: Kysely<unknown>, table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
