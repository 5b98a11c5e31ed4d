import type { Db } from '../db/open-database';
import { precompiled } from '../db/precompiled';
import type { SessionRow, UserRow } from '../db/schema';
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

/** A session row joined with its user's whole row: the one read an authenticated request needs. */
export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

// Selected under their own names: sessions and users share user_id and created_at.
const findSessionWithUserQuery = precompiled(1, (db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.user_id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.token_hash as s_token_hash',
      'sessions.created_at as s_created_at',
      'sessions.last_seen_at as s_last_seen_at',
      'sessions.revoked_at as s_revoked_at',
    ])
    .where('sessions.token_hash', '=', tokenHash),
);

/**
 * The session of a token and its user in one query (issue #15: a GET needs no second read). The
 * caller checks revocation, expiry and the user's deactivation mark (a deactivated user has no live
 * session).
 */
export async function findSessionWithUser(db: Db, token: string): Promise<SessionWithUser | undefined> {
  const [row] = (await findSessionWithUserQuery(db, hashBearerSecret(token))).rows;
  if (!row) return undefined;
  // Copied field by field: a rest spread of the row cost ~5 µs a request (issue #15 profile).
  const r = row;
  return {
    session: { token_hash: r.s_token_hash, user_id: r.user_id, created_at: r.s_created_at, last_seen_at: r.s_last_seen_at, revoked_at: r.s_revoked_at },
    user: {
      user_id: r.user_id,
      id_document: r.id_document,
      name: r.name,
      country: r.country,
      province: r.province,
      city: r.city,
      phone1: r.phone1,
      phone2: r.phone2,
      mobile_carrier: r.mobile_carrier,
      mobile_number: r.mobile_number,
      fax: r.fax,
      email: r.email,
      password_hash: r.password_hash,
      version: r.version,
      deactivated_at: r.deactivated_at,
      deactivation_reason: r.deactivation_reason,
      created_at: r.created_at,
      updated_at: r.updated_at,
    },
  };
}

const touchSessionQuery = precompiled(2, (db: Db, tokenHash: string, lastSeenAt: string) =>
  db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('token_hash', '=', tokenHash),
);

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await touchSessionQuery(db, tokenHash, now.toISOString());
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
