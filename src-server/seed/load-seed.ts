import fs from 'node:fs';
import { fieldErrorsFrom } from '../../src-shared/contract';
import { SeedError } from './seed-error';
import { SeedUserSchema, type SeedUser } from './seed-schema';

/**
 * Reads and validates a SANDBOX_SEED file (a JSON array of users). Every problem is reported
 * with its entry number, user id and field, e.g. `entry 2 ("mlopez"), field "mobile.number": …`.
 */
export function loadSeed(filePath: string): SeedUser[] {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    throw new SeedError(`SANDBOX_SEED ${filePath}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SeedError(`SANDBOX_SEED ${filePath}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new SeedError(`SANDBOX_SEED ${filePath}: must be a JSON array of users`);

  const problems: string[] = [];
  const users: SeedUser[] = [];
  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  data.forEach((entry: unknown, index) => {
    const n = index + 1;
    const rawId = (entry as { userId?: unknown } | null)?.userId;
    const label = `entry ${n}${typeof rawId === 'string' ? ` (${JSON.stringify(rawId)})` : ''}`;
    const parsed = SeedUserSchema.safeParse(entry);
    if (!parsed.success) {
      for (const [field, message] of Object.entries(fieldErrorsFrom(parsed.error))) {
        problems.push(`${label}, field "${field}": ${message}`);
      }
      return;
    }
    const user = parsed.data;
    const email = user.email.toLowerCase();
    const sameId = seenIds.get(user.userId);
    const sameEmail = seenEmails.get(email);
    if (sameId !== undefined) problems.push(`${label}, field "userId": repeats entry ${sameId}`);
    if (sameEmail !== undefined) problems.push(`${label}, field "email": repeats entry ${sameEmail}`);
    seenIds.set(user.userId, n);
    seenEmails.set(email, n);
    users.push(user);
  });
  if (problems.length > 0) {
    throw new SeedError(`SANDBOX_SEED ${filePath}: invalid seed\n  ${problems.join('\n  ')}`);
  }
  return users;
}
