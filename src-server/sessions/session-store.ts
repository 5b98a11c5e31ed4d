import type { Db } from '../db/open-database';
import type { SessionRow } from '../db/schema';
import { hashBearerSecret, newBearerSecret } from '../security/bearer-secret';

/** Creates a session and returns the token, which exists only in this answer (the DB keeps its hash). */
export async function createSession(db: Db, userId: string, now: Date): Promise<{ token: string; row: SessionRow }> {
  const token = newBearerSecret();
  const row: SessionRow = {
    token_hash: hashBearerSecret(token),
    user_id: userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    revoked_at: null,
  };
  await db.insertInto('sessions').values(row).execute();
  return { token, row };
}

/** The session of a token with its user's deactivation mark (a deactivated user has no live session). */
export function findSessionByToken(
  db: Db,
  token: string,
): Promise<(SessionRow & { user_deactivated_at: string | null }) | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.user_id', 'sessions.user_id')
    .selectAll('sessions')
    .select('users.deactivated_at as user_deactivated_at')
    .where('sessions.token_hash', '=', hashBearerSecret(token))
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every live session of the user except `keepTokenHash` (after a password or e-mail change). */
export async function revokeOtherSessions(db: Db, userId: string, keepTokenHash: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('token_hash', '!=', keepTokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
