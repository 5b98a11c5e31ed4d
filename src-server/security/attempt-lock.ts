import { sql, type Kysely } from 'kysely';
import { addMinutes } from '../clock';
import type { Database } from '../db/schema';

/**
 * One lockout mechanism for every password guess (login, "Verificar contraseña"; issues #11, #13).
 *
 * A try is counted BEFORE the password is checked, by one conditional upsert that returns the new
 * count: N parallel tries can never get more than `maxTries` hash checks, on SQLite and on
 * PostgreSQL under READ COMMITTED (INSERT … ON CONFLICT DO UPDATE locks the row and re-checks the
 * WHERE against its latest version; there is no read-then-write). The try that reaches the limit
 * sets the lock at once, so a process that dies mid-check cannot leave a permanent lock; a success
 * clears the row. While locked, nothing is counted and nothing is hashed.
 */
/** 'device': the logins of one trusted-device token (security/device-token.ts), keyed by its id. */
export type AttemptScope = 'login' | 'verify' | 'device' | 'reset-user' | 'reset-address' | 'two-factor';

export interface AttemptPolicy {
  maxTries: number;
  lockMinutes: number;
}

export type TryReservation = { allowed: true; tryNumber: number; lastTry: boolean } | { allowed: false };

/** The subject of a login lockout: what the user typed, in the form two spellings of one ID share. */
export function normalisedSubject(id: string): string {
  return id.normalize('NFC').trim().toLowerCase();
}

/**
 * Counts one try for (scope, subject) unless it is locked. A lock that has run out starts the count
 * again at 1. Returns whether the try may be checked, and whether it is the last one allowed.
 */
export async function reserveTry(
  db: Kysely<Database>,
  scope: AttemptScope,
  subject: string,
  policy: AttemptPolicy,
  now: Date,
): Promise<TryReservation> {
  const nowIso = now.toISOString();
  const lockIso = addMinutes(now, policy.lockMinutes).toISOString();
  const existing = sql.ref('attempt_counters.tries');
  const lockedUntil = sql.ref('attempt_counters.locked_until');
  // A row with a lock reaches the update only when that lock has run out (see the WHERE): it restarts at 1.
  const nextTries = sql<number>`CASE WHEN ${lockedUntil} IS NOT NULL THEN 1 ELSE ${existing} + 1 END`;
  const row = await db
    .insertInto('attempt_counters')
    .values({ scope, subject, tries: 1, locked_until: policy.maxTries <= 1 ? lockIso : null })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'subject'])
        .doUpdateSet({
          tries: nextTries,
          locked_until: sql<string | null>`CASE WHEN ${nextTries} >= ${policy.maxTries} THEN ${lockIso} ELSE NULL END`,
        })
        .where((eb) =>
          eb.or([
            eb.and([eb('attempt_counters.locked_until', 'is', null), eb('attempt_counters.tries', '<', policy.maxTries)]),
            eb('attempt_counters.locked_until', '<=', nowIso),
          ]),
        ),
    )
    .returning('tries')
    .executeTakeFirst();
  if (!row) return { allowed: false };
  const tryNumber = Number(row.tries);
  return { allowed: true, tryNumber, lastTry: tryNumber >= policy.maxTries };
}

/**
 * Whether (scope, subject) is locked now: a read, for answering a locked try before it takes any of the caller's
 * password-work budget (reserveTry stays the atomic check; this only answers early).
 */
export async function isLocked(db: Kysely<Database>, scope: AttemptScope, subject: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('attempt_counters')
    .select('locked_until')
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.locked_until != null && row.locked_until > now.toISOString();
}

/** A right password: the count starts again (and a lock set by this very try, the last allowed, goes). */
export async function clearTries(db: Kysely<Database>, scope: AttemptScope, subject: string): Promise<void> {
  await db.deleteFrom('attempt_counters').where('scope', '=', scope).where('subject', '=', subject).execute();
}

/** Every counter of a user (the sandbox seed unlocks its users). */
export async function clearAllTriesOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .deleteFrom('attempt_counters')
    .where((eb) =>
      eb.or([
        eb.and([eb('scope', '=', 'login'), eb('subject', '=', normalisedSubject(userId))]),
        eb.and([eb('scope', '=', 'verify'), eb('subject', '=', userId)]),
      ]),
    )
    .execute();
}
