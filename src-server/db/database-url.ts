import path from 'node:path';

/** Where the data lives. Only SQLite for now; a `postgres` variant can be added beside it (design §6). */
export type DatabaseLocation = { dialect: 'sqlite'; file: string };

/**
 * Parses DATABASE_URL = `sqlite:<file path>` (relative paths resolve against `cwd`).
 * `sqlite::memory:` keeps everything in memory (useful for throwaway runs).
 */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error('only sqlite: is supported for now (PostgreSQL is planned but not implemented yet)');
  }
  const match = /^sqlite:(.*)$/i.exec(url);
  if (!match) throw new Error('must look like sqlite:<file path>, e.g. sqlite:.sandbox/ecuapass.sqlite');
  // Accept the URL-ish spelling sqlite:///abs/path too, since people write it out of habit.
  const rest = (match[1] ?? '').replace(/^\/\/(?=\/)/, '');
  if (rest.trim() === '') throw new Error('the file path after sqlite: is empty');
  if (rest === ':memory:') return { dialect: 'sqlite', file: ':memory:' };
  return { dialect: 'sqlite', file: path.resolve(cwd, rest) };
}
