import { type Kysely, sql } from 'kysely';

/**
 * Case-insensitive unique e-mail on both dialects (docs/instructivo.md §4.5: an address is taken whatever its
 * case). The application already stores addresses in lower case; the index on lower(email) makes
 * the rule hold for any writer (an operator's SQL, a future import), and PostgreSQL's text
 * comparison is case-sensitive, so a plain unique index there would accept "A@x.ec" beside "a@x.ec".
 * Lookups use the same expression, so this one index serves both the rule and the queries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_email_unique').execute();
  await db.schema.createIndex('users_email_lower_unique').on('users').expression(sql`lower(email)`).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_email_lower_unique').execute();
  await db.schema.createIndex('users_email_unique').on('users').column('email').unique().execute();
}
