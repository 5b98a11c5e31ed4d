import path from 'node:path';

/**
 * Where the data lives (docs/architecture.md §7, docs/deploy.md). SQLite: one file, one process,
 * the embedded default. PostgreSQL: one database shared by any number of stateless backend instances.
 */
export type DatabaseLocation =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'postgres';
      /** The URL as given (it may carry a password: never log it). */
      url: string;
      /** host:port/database, for logs and messages. */
      display: string;
    };

function parsePostgresUrl(url: string): DatabaseLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('is not a valid URL; write postgres://user:password@host:5432/database');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (parsed.hostname === '') throw new Error('names no host; write postgres://user:password@host:5432/database');
  // Without a database name, pg would silently use the user's name as the database.
  if (database === '' || database.includes('/')) {
    throw new Error('names no database; write postgres://user:password@host:5432/database');
  }
  return { dialect: 'postgres', url, display: `${parsed.hostname}:${parsed.port || '5432'}/${database}` };
}

/**
 * Parses DATABASE_URL: `sqlite:<file path>` (relative paths resolve against `cwd`;
 * `sqlite::memory:` keeps everything in memory) or `postgres://user:password@host:port/database`
 * (`postgresql://` too; query parameters such as `sslmode` are handed to the driver).
 */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) return parsePostgresUrl(url);
  const match = /^sqlite:(.*)$/i.exec(url);
  if (!match) {
    throw new Error('must look like sqlite:<file path> (e.g. sqlite:.sandbox/ecuapass.sqlite) or postgres://user:password@host:5432/database');
  }
  // Accept the URL-ish spelling sqlite:///abs/path too, since people write it out of habit.
  const rest = (match[1] ?? '').replace(/^\/\/(?=\/)/, '');
  if (rest.trim() === '') throw new Error('the file path after sqlite: is empty');
  if (rest === ':memory:') return { dialect: 'sqlite', file: ':memory:' };
  return { dialect: 'sqlite', file: path.resolve(cwd, rest) };
}

/** What the log may say about the database: never a password. */
export function describeDatabase(location: DatabaseLocation): string {
  return location.dialect === 'sqlite' ? `sqlite:${location.file}` : `postgres://${location.display}`;
}
