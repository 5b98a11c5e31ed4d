import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { DUMPED_TABLES } from '../../integration/server/harness';

/**
 * A cheap fingerprint of every table the harness dumps (harness.ts DUMPED_TABLES), read on one
 * long-lived read-only connection: the whole dump, hashed. `relaxed` blanks the attempt counters
 * that a refused guess is *meant* to move (the attempt_counters table of failed logins and wrong current passwords, wrong security
 * codes) and nothing else.
 */
export interface Fingerprints {
  strict: string;
  relaxed: string;
}

export interface Fingerprinter {
  /** Both fingerprints from one read of every table. */
  take(): Fingerprints;
  close(): void;
}

const COUNTER_COLUMNS: Record<string, readonly string[]> = {
  email_security_codes: ['failed_tries'],
};

export function fingerprinter(dbPath: string): Fingerprinter {
  const db = new SqliteDatabase(dbPath, { readonly: true, fileMustExist: true });
  const statements = DUMPED_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`)] as const);
  const take = (): Fingerprints => {
    const strict = createHash('sha1');
    const relaxed = createHash('sha1');
    for (const [table, stmt] of statements) {
      const blank = COUNTER_COLUMNS[table];
      strict.update(`#${table}\n`);
      relaxed.update(`#${table}\n`);
      for (const row of stmt.all() as Record<string, unknown>[]) {
        const line = JSON.stringify(row);
        strict.update(line);
        strict.update('\n');
        // A refused guess may add a counter row (an unknown ID is counted too): the whole table is a counter.
        if (table === 'attempt_counters') continue;
        if (blank) for (const c of blank) row[c] = null;
        relaxed.update(blank ? JSON.stringify(row) : line);
        relaxed.update('\n');
      }
    }
    return { strict: strict.digest('hex'), relaxed: relaxed.digest('hex') };
  };
  return { take, close: () => db.close() };
}
