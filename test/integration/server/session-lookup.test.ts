import { describe, expect, it } from 'vitest';
import { isPromise } from '../../../src-server/db/maybe-async';
import { findSessionWithUser } from '../../../src-server/sessions/session-store';
import { serverForFile } from './harness';
import { TEST_DIALECT } from './test-database';

/**
 * Issue #15: every authenticated request reads its session and the user's whole row in one query.
 * On SQLite that read is synchronous (no promise per request); on PostgreSQL it is a promise of
 * the same row. Either way a token that is not a session finds nothing.
 */
const server = serverForFile();

describe('session + user lookup', () => {
  it(`finds the session and the whole users row of a token (${TEST_DIALECT}: ${TEST_DIALECT === 'sqlite' ? 'synchronously' : 'a promise'})`, async () => {
    const token = await server.login('jperez');
    const pending = findSessionWithUser(server.db, token);
    expect(isPromise(pending)).toBe(TEST_DIALECT === 'postgres');
    const found = await pending;
    const [userRow] = await server.database.all('SELECT * FROM users WHERE user_id = ?', ['jperez']);
    expect(found?.user).toEqual(userRow);
    const [sessionRow] = await server.database.all('SELECT * FROM sessions WHERE user_id = ?', ['jperez']);
    // The columns the authentication reads (the device and IP are for "Mi cuenta" only).
    const { token_hash, id, user_id, created_at, last_seen_at, revoked_at, revoked_by, must_change_password } = sessionRow as Record<string, unknown>;
    expect(found?.session).toEqual({ token_hash, id, user_id, created_at, last_seen_at, revoked_at, revoked_by, must_change_password });
  });

  it('a token that is no session finds nothing', async () => {
    expect(await findSessionWithUser(server.db, 'no-such-token')).toBeUndefined();
  });
});
