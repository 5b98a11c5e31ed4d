import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, LoginResponseSchema } from '../../../src-shared/contract';
import { API, DEMO_PASSWORD, errorOf, serverForFile } from './harness';

const server = serverForFile();

const WRONG = 'Wrong#Pass1';

describe('POST /api/v1/sessions (login)', () => {
  it('login ok: 201 with token, expiresAt (idle limit) and user {userId, name}', async () => {
    const res = await server.postSession({ userId: 'jperez', password: DEMO_PASSWORD });
    expect(res.status).toBe(201);
    const body = LoginResponseSchema.parse(await res.json());
    expect(body.user).toEqual({ userId: 'jperez', name: 'Juan Carlos Pérez Mendoza' });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(new Date(server.clock.now().getTime() + 30 * 60_000).toISOString());
    // Only the hash of the token is stored.
    const { sessions } = (await server.dump()) as { sessions: { token_hash: string }[] };
    expect(sessions.some((s) => s.token_hash === body.token)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
  });

  it('wrong password: 401 INVALID_CREDENTIALS with the Spanish message', async () => {
    const res = await server.postSession({ userId: 'mlopez', password: WRONG });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'INVALID_CREDENTIALS', message: ERROR_MESSAGES.INVALID_CREDENTIALS });
  });

  it('unknown user gets the same answer as a wrong password (status, body, similar timing)', async () => {
    const wrong = await server.postSession({ userId: 'mlopez', password: WRONG });
    const unknown = await server.postSession({ userId: 'nadie', password: WRONG });
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.text()).toBe(await wrong.text());

    // Both must cost one scrypt check. Interleaved samples and a loose bound keep this stable on a busy machine.
    const timeOne = async (userId: string) => {
      const t0 = performance.now();
      await (await server.postSession({ userId, password: WRONG })).arrayBuffer();
      return performance.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const unknownMs: number[] = [];
    const wrongMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await server.clearAttempts();
      wrongMs.push(await timeOne('cvera'));
      unknownMs.push(await timeOne('nadie'));
    }
    await server.clearAttempts();
    expect(median(unknownMs)).toBeGreaterThan(median(wrongMs) * 0.5);
    expect(median(unknownMs)).toBeLessThan(median(wrongMs) * 2);
  });

  it('lockout after 5 failures: 423 even with the right password; works again after 15 minutes', async () => {
    await server.clearAttempts();
    for (let i = 1; i <= 4; i++) {
      expect((await server.postSession({ userId: 'cvera', password: WRONG })).status).toBe(401);
    }
    const fifth = await server.postSession({ userId: 'cvera', password: WRONG });
    expect(fifth.status).toBe(423);
    expect(await errorOf(fifth)).toEqual({ code: 'ACCOUNT_LOCKED', message: ERROR_MESSAGES.ACCOUNT_LOCKED });

    const right = await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD });
    expect(right.status).toBe(423);
    expect((await errorOf(right)).code).toBe('ACCOUNT_LOCKED');

    server.clock.advanceMinutes(14);
    expect((await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD })).status).toBe(423);

    server.clock.advanceMinutes(1);
    expect((await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD })).status).toBe(201);
  });

  it('a lock that has run out starts the count again', async () => {
    await server.clearAttempts();
    for (let i = 1; i <= 5; i++) await server.postSession({ userId: 'cvera', password: WRONG });
    server.clock.advanceMinutes(15);
    // One failure after the lock ran out is failure 1 of 5, not 6: no new lock.
    expect((await server.postSession({ userId: 'cvera', password: WRONG })).status).toBe(401);
    expect((await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD })).status).toBe(201);
  });

  it('a success resets the failure count', async () => {
    await server.clearAttempts();
    for (let i = 1; i <= 4; i++) await server.postSession({ userId: 'cvera', password: WRONG });
    expect((await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD })).status).toBe(201);
    for (let i = 1; i <= 4; i++) {
      expect((await server.postSession({ userId: 'cvera', password: WRONG })).status).toBe(401);
    }
    expect((await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD })).status).toBe(201);
  });

  it('deactivated user: 403 ACCOUNT_DEACTIVATED (message says how to register again); wrong password still 401', async () => {
    const token = await server.login('cvera');
    await server.sql(
      "UPDATE users SET deactivated_at = ?, deactivation_reason = 'Prueba de baja del usuario' WHERE user_id = ?",
      server.clock.now().toISOString(),
      'cvera',
    );
    const res = await server.postSession({ userId: 'cvera', password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error).toEqual({ code: 'ACCOUNT_DEACTIVATED', message: ERROR_MESSAGES.ACCOUNT_DEACTIVATED });
    expect(error.message).toContain('Solicitud de registro para Usuario General');
    expect((await server.postSession({ userId: 'cvera', password: WRONG })).status).toBe(401);
    // A session opened before the deactivation no longer works either.
    expect((await server.request(`${API}/general-user/registration`, { token })).status).toBe(401);
    server.sql('UPDATE users SET deactivated_at = NULL, deactivation_reason = NULL WHERE user_id = ?', 'cvera');
    await server.clearAttempts();
  });

  it('trims the ID.usuario (a copied " jperez " logs in)', async () => {
    expect((await server.postSession({ userId: ' jperez ', password: DEMO_PASSWORD })).status).toBe(201);
  });
});
