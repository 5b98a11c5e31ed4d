import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { DUMPED_TABLES, type TestServer } from '../../integration/server/harness';

/**
 * A cheap fingerprint of every table the harness dumps (harness.ts DUMPED_TABLES), read on one
 * long-lived connection (a read-only SQLite handle, or one PostgreSQL client): the whole dump,
 * hashed. `relaxed` blanks the attempt counters that a refused guess is *meant* to move (the
 * attempt_counters table of failed logins and wrong current passwords, wrong security codes; the
 * audit rows a wrong password of an existing user leaves for "Actividad de la cuenta", issue #28) and
 * nothing else.
 */
export interface Fingerprints {
  strict: string;
  relaxed: string;
}

export interface Fingerprinter {
  /** Both fingerprints from one read of every table. */
  take(): Promise<Fingerprints>;
  close(): Promise<void>;
}

const COUNTER_COLUMNS: Record<string, readonly string[]> = {
  email_security_codes: ['failed_tries'],
  password_resets: ['failed_tries'],
};

/** Same order on both dialects (PostgreSQL has no rowid). */
const ORDER: Record<(typeof DUMPED_TABLES)[number], string> = {
  users: 'user_id',
  sessions: 'token_hash',
  audit_log: 'id',
  password_tickets: 'ticket_hash',
  email_security_codes: 'user_id',
  security_code_sends: 'id',
  sandbox_mailbox: 'id',
  attempt_counters: 'scope, subject',
  device_tokens: 'id',
  password_resets: 'user_id',
  two_factor: 'user_id',
  recovery_codes: 'user_id, code_hash',
  login_challenges: 'challenge_hash',
};

/** Audit rows a refused login writes on purpose (src-server/sessions/login-record.ts auditFailedLogin). */
const REFUSED_GUESS_AUDIT: ReadonlySet<unknown> = new Set(['session.login_failed', 'session.locked']);

function digest(tables: [string, Record<string, unknown>[]][]): Fingerprints {
  const strict = createHash('sha1');
  const relaxed = createHash('sha1');
  for (const [table, rows] of tables) {
    const blank = COUNTER_COLUMNS[table];
    strict.update(`#${table}\n`);
    relaxed.update(`#${table}\n`);
    for (const row of rows) {
      const line = JSON.stringify(row);
      strict.update(line);
      strict.update('\n');
      // A refused guess may add a counter row (an unknown ID is counted too): the whole table is a counter.
      if (table === 'attempt_counters') continue;
      if (table === 'audit_log' && REFUSED_GUESS_AUDIT.has(row.action)) continue;
      if (blank) for (const c of blank) row[c] = null;
      relaxed.update(blank ? JSON.stringify(row) : line);
      relaxed.update('\n');
    }
  }
  return { strict: strict.digest('hex'), relaxed: relaxed.digest('hex') };
}

export async function fingerprinter(server: TestServer): Promise<Fingerprinter> {
  if (server.database.location.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: server.database.location.url });
    await client.connect();
    return {
      async take() {
        // Every table in one round trip (the simple query protocol returns one result per statement).
        const results = (await client.query(DUMPED_TABLES.map((t) => `SELECT * FROM ${t} ORDER BY ${ORDER[t]}`).join('; '))) as unknown as pg.QueryResult[];
        return digest(DUMPED_TABLES.map((t, i) => [t, (results[i]?.rows ?? []) as Record<string, unknown>[]]));
      },
      close: () => client.end(),
    };
  }
  const db = new SqliteDatabase(server.dbPath as string, { readonly: true, fileMustExist: true });
  const statements = DUMPED_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${ORDER[t]}`)] as const);
  return {
    async take() {
      return digest(statements.map(([t, stmt]) => [t, stmt.all() as Record<string, unknown>[]]));
    },
    async close() {
      db.close();
    },
  };
}
