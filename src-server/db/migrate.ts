import { Migrator } from 'kysely';
import type { Db } from './open-database';
import { MIGRATIONS } from './migrations';

/** Brings the schema up to date; throws (and main exits) if a migration fails. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    const which = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(`Database migration failed${which}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
