import type { CreateTableBuilder } from 'kysely';

/**
 * The columns many tables of the migrations share, written once. Each adds its columns where it is called, so a
 * migration's tables keep their column order (and a migration already run on a database keeps its meaning).
 */

/** The owning user: `user_id`, never null, gone with its user. */
export function ownedByUser<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'user_id'> {
  return table.addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'));
}

/** One row per user: `user_id` is the key, gone with its user. */
export function onePerUser<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'user_id'> {
  return table.addColumn('user_id', 'text', (c) => c.primaryKey().references('users.user_id').onDelete('cascade'));
}

/** A secret's lifetime: when it was issued and when it dies (ISO-8601 text, both required). */
export function issuedAndExpires<TB extends string, C extends string>(
  table: CreateTableBuilder<TB, C>,
): CreateTableBuilder<TB, C | 'created_at' | 'expires_at'> {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('expires_at', 'text', (c) => c.notNull());
}
