import type { Db } from '../db/open-database';
import { mapMaybe, type MaybePromise } from '../db/maybe-async';
import { precompiled, precompiledTuples } from '../db/precompiled';
import type { SessionRow, UserRow } from '../db/schema';
import { randomUUID } from 'node:crypto';
import { hashBearerSecret, newBearerSecret } from '../security/bearer-secret';
import type { RequestOrigin } from '../http/request-origin';

/**
 * Creates a session and returns the token, which exists only in this answer (the DB keeps its hash).
 * `origin`: the workstation and address it was opened from; `mustChangePassword`: opened with an automatic key
 * (Reiniciar clave), so only the forced change works.
 */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  opts: { origin?: RequestOrigin; mustChangePassword?: boolean } = {},
): Promise<{ token: string; row: SessionRow }> {
  const { origin, mustChangePassword = false } = opts;
  const token = newBearerSecret();
  const row: SessionRow = {
    token_hash: hashBearerSecret(token),
    id: randomUUID(),
    user_id: userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    revoked_at: null,
    revoked_by: null,
    device_host: origin?.device.host ?? null,
    device_os: origin?.device.os ?? null,
    device_app: origin?.device.app ?? null,
    ip: origin?.ip ?? null,
    must_change_password: mustChangePassword ? 1 : 0,
  };
  await db.insertInto('sessions').values(row).execute();
  return { token, row };
}

/** The session columns an authenticated request reads. */
export type AuthSessionRow = Pick<SessionRow, 'token_hash' | 'id' | 'user_id' | 'created_at' | 'last_seen_at' | 'revoked_at' | 'revoked_by' | 'must_change_password'>;

/** A session row joined with its user's whole row: the one read an authenticated request needs. */
export interface SessionWithUser {
  session: AuthSessionRow;
  user: UserRow;
}

// The user's whole row, then the session's own columns under their own names (sessions and users
// share user_id and created_at). The row comes back as an array in this order (precompiledTuples).
const USER_COLUMNS = [
  'user_id',
  'id_document',
  'name',
  'country',
  'province',
  'city',
  'phone1',
  'phone2',
  'mobile_carrier',
  'mobile_number',
  'fax',
  'email',
  'password_hash',
  'version',
  'deactivated_at',
  'deactivation_reason',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof UserRow)[];
// A column added to users and not read here is a compile error.
const everyUserColumn: Exclude<keyof UserRow, (typeof USER_COLUMNS)[number]> extends never ? true : never = true;
void everyUserColumn;
const SESSION_COLUMNS = ['s_token_hash', 's_created_at', 's_last_seen_at', 's_revoked_at', 's_id', 's_revoked_by', 's_must_change_password'] as const;

const findSessionWithUserQuery = precompiledTuples(1, [...USER_COLUMNS, ...SESSION_COLUMNS], (db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.user_id', 'sessions.user_id')
    .select(USER_COLUMNS.map((c) => `users.${c}` as const))
    .select([
      'sessions.token_hash as s_token_hash',
      'sessions.created_at as s_created_at',
      'sessions.last_seen_at as s_last_seen_at',
      'sessions.revoked_at as s_revoked_at',
      'sessions.id as s_id',
      'sessions.revoked_by as s_revoked_by',
      'sessions.must_change_password as s_must_change_password',
    ])
    .where('sessions.token_hash', '=', tokenHash),
);

/**
 * The session of a token and its user in one query (issue #15: a GET needs no second read). The
 * caller checks revocation, expiry and the user's deactivation mark (a deactivated user has no live
 * session). Synchronous on SQLite (MaybePromise): it runs on every authenticated request.
 */
export function findSessionWithUser(db: Db, token: string): MaybePromise<SessionWithUser | undefined> {
  return mapMaybe(findSessionWithUserQuery(db, hashBearerSecret(token)), sessionWithUserOf);
}

function sessionWithUserOf([row]: unknown[][]): SessionWithUser | undefined {
  if (!row) return undefined;
  // By position, in the order of USER_COLUMNS then SESSION_COLUMNS.
  const v = (i: number) => row[i] as never;
  const user: UserRow = {
    user_id: v(0),
    id_document: v(1),
    name: v(2),
    country: v(3),
    province: v(4),
    city: v(5),
    phone1: v(6),
    phone2: v(7),
    mobile_carrier: v(8),
    mobile_number: v(9),
    fax: v(10),
    email: v(11),
    password_hash: v(12),
    version: v(13),
    deactivated_at: v(14),
    deactivation_reason: v(15),
    created_at: v(16),
    updated_at: v(17),
  };
  const session: AuthSessionRow = {
    token_hash: v(18),
    id: v(22),
    user_id: user.user_id,
    created_at: v(19),
    last_seen_at: v(20),
    revoked_at: v(21),
    revoked_by: v(23),
    must_change_password: Number(v(24)),
  };
  return { session, user };
}

const touchSessionQuery = precompiled(2, (db: Db, tokenHash: string, lastSeenAt: string) =>
  db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('token_hash', '=', tokenHash),
);

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await touchSessionQuery(db, tokenHash, now.toISOString());
}

/** Revokes the session of `tokenHash`; false when it was already revoked. */
export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_by: 'self' })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Ends every live session of the user (an automatic key was used elsewhere): marked 'other', so each of those apps
 * says "Su sesión se cerró desde otro equipo" like any session closed from another one.
 */
export async function revokeAllSessions(db: Db, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_by: 'other' })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every live session of the user except `keepTokenHash` (after a password or e-mail change). */
export async function revokeOtherSessions(db: Db, userId: string, keepTokenHash: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_by: 'other' })
    .where('user_id', '=', userId)
    .where('token_hash', '!=', keepTokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The user's sessions not revoked (the caller filters out the expired ones: expiry depends on the limits). */
export function listOpenSessions(db: Db, userId: string): Promise<SessionRow[]> {
  return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/**
 * Revokes one session of `userId` by its public id; false when there is no open one with that id for this user (an
 * id of another user's session is treated exactly like an unknown one).
 */
export async function revokeSessionById(db: Db, userId: string, id: string, now: Date, by: 'self' | 'other'): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_by: by })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether any earlier session of the user (open or not) came from a workstation with this host name and OS. */
export async function hasUsedDevice(db: Db, userId: string, host: string, osName: string | null): Promise<boolean> {
  let query = db.selectFrom('sessions').select('id').where('user_id', '=', userId).where('device_host', '=', host);
  query = osName === null ? query.where('device_os', 'is', null) : query.where('device_os', '=', osName);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** Whether the user ever had a session before (the first login has nothing to compare a device with). */
export async function hasAnySession(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('sessions').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst()) !== undefined;
}
