import { describe, expect, it } from 'vitest';
import { CurrentSessionResponseSchema, ERROR_MESSAGES } from '../../../src-shared/contract';
import { API, errorOf, serverForFile } from './harness';

const server = serverForFile();

const current = (token?: string) => server.request(`${API}/sessions/current`, token === undefined ? {} : { token });
const minutesFrom = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();

async function expectUnauthenticated(res: Response) {
  expect(res.status).toBe(401);
  expect(await errorOf(res)).toEqual({ code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED });
}

describe('sessions', () => {
  it('GET /sessions/current answers the user and the expiry, and refreshes the idle window', async () => {
    const start = server.clock.now();
    const token = await server.login('jperez');
    server.clock.advanceMinutes(10);
    const res = await current(token);
    expect(res.status).toBe(200);
    const body = CurrentSessionResponseSchema.parse(await res.json());
    expect(body).toEqual({ userId: 'jperez', expiresAt: minutesFrom(start, 40), passwordChangeRequired: false });
  });

  it('a token revoked by logout no longer works (401 on GET registration)', async () => {
    const token = await server.login('jperez');
    expect((await server.request(`${API}/general-user/registration`, { token })).status).toBe(200);
    const out = await server.request(`${API}/sessions/current`, { method: 'DELETE', token });
    expect(out.status).toBe(204);
    expect(await out.text()).toBe('');
    await expectUnauthenticated(await server.request(`${API}/general-user/registration`, { token }));
    await expectUnauthenticated(await current(token));
    // Logging out twice is not a success either: the token is dead.
    await expectUnauthenticated(await server.request(`${API}/sessions/current`, { method: 'DELETE', token }));
  });

  it('logout revokes only its own session', async () => {
    const a = await server.login('jperez');
    const b = await server.login('jperez');
    expect((await server.request(`${API}/sessions/current`, { method: 'DELETE', token: a })).status).toBe(204);
    expect((await current(b)).status).toBe(200);
  });

  it('idle expiry: 30 minutes without a request end the session; each request restarts the count', async () => {
    const token = await server.login('mlopez');
    server.clock.advanceMinutes(29);
    expect((await current(token)).status).toBe(200);
    server.clock.advanceMinutes(29);
    expect((await current(token)).status).toBe(200);
    server.clock.advanceMinutes(30);
    await expectUnauthenticated(await current(token));
    await expectUnauthenticated(await server.request(`${API}/general-user/registration`, { token }));
  });

  it('absolute expiry: 8 hours after login the session ends even when used all the time', async () => {
    const start = server.clock.now();
    const token = await server.login('mlopez');
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      server.clock.advanceMinutes(20);
      const res = await current(token);
      expect(res.status, `at +${minutes} min`).toBe(200);
      const { expiresAt } = CurrentSessionResponseSchema.parse(await res.json());
      // expiresAt = min(last seen + idle, created + absolute).
      expect(expiresAt).toBe(minutesFrom(start, Math.min(minutes + 30, 8 * 60)));
    }
    server.clock.advanceMinutes(20); // +8 h exactly
    await expectUnauthenticated(await current(token));
  });

  it('every authenticated endpoint without a live token answers 401 UNAUTHENTICATED', async () => {
    const revoked = await server.login('jperez');
    await server.request(`${API}/sessions/current`, { method: 'DELETE', token: revoked });
    const expired = await server.login('jperez');
    server.clock.advanceMinutes(31);
    const live = await server.login('jperez');

    const endpoints: [string, string][] = [
      ['GET', `${API}/sessions/current`],
      ['DELETE', `${API}/sessions/current`],
      ['GET', `${API}/general-user/registration`],
    ];
    const credentials: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['unknown token', { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
      ['another scheme', { authorization: `Basic ${live}` }],
      ['token without scheme', { authorization: live }],
      ['revoked token', { authorization: `Bearer ${revoked}` }],
      ['expired token', { authorization: `Bearer ${expired}` }],
    ];
    for (const [method, path] of endpoints) {
      for (const [label, headers] of credentials) {
        const res = await server.request(path, { method, headers });
        expect(res.status, `${method} ${path} with ${label}`).toBe(401);
        expect((await errorOf(res)).code).toBe('UNAUTHENTICATED');
      }
    }
    // The live token still works after all that (the bad attempts touched nothing).
    expect((await current(live)).status).toBe(200);
  });

  it('accepts the bearer scheme in any case', async () => {
    const token = await server.login('jperez');
    expect((await server.request(`${API}/sessions/current`, { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
  });
});
