import { describe, expect, it } from 'vitest';
import { DeactivationResponseSchema, ERROR_MESSAGES } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { API, DEMO_PASSWORD, errorOf, serverForFile } from './harness';
import { DEACTIVATION, auditOf, expectFieldRefused, mailsTo, usersWith } from './general-user-helpers';

const server = serverForFile({ users: usersWith('ana', 'bea', 'ceci') });

const deactivate = (token: string, reason: unknown) => server.send('POST', DEACTIVATION, token, { reason });

describe('Dar de baja (POST /general-user/deactivation)', () => {
  for (const [label, reason] of [
    ['9 characters', 'x'.repeat(9)],
    ['501 characters', 'x'.repeat(501)],
    ['9 characters padded with spaces', `   ${'x'.repeat(9)}   `],
    ['missing', undefined],
    ['a number', 1234567890],
  ] as const) {
    it(`Motivo ${label} → 422 VALIDATION_FAILED naming reason; nothing changes`, async () => {
      const token = await server.login('ana');
      const error = await expectFieldRefused(server, 'reason', () => deactivate(token, reason));
      if (typeof reason === 'string') expect(error.fields?.reason).toBe(MSG.reasonLength);
    });
  }

  for (const [userId, reason] of [
    ['bea', 'x'.repeat(10)],
    ['ceci', 'x'.repeat(500)],
  ] as const) {
    it(`Motivo of ${reason.length} characters (a bound) → 200`, async () => {
      const res = await deactivate(await server.login(userId), reason);
      expect(res.status).toBe(200);
    });
  }

  it('deactivates: 200 {message}, every session dead, login → 403 ACCOUNT_DEACTIVATED, audit row, notice mailed', async () => {
    const first = await server.login('ana');
    const second = await server.login('ana');
    const other = await server.login('jperez');
    const reason = 'Cambio de razón social de la empresa';

    const res = await deactivate(first, `  ${reason}  `);
    expect(res.status).toBe(200);
    const { message } = DeactivationResponseSchema.parse(await res.json());
    expect(message).toMatch(/dado de baja/);
    expect(message).toMatch(/Solicitud de registro para Usuario General/);

    for (const token of [first, second]) {
      const after = await server.request(`${API}/general-user/registration`, { token });
      expect(after.status).toBe(401);
      expect((await errorOf(after)).code).toBe('UNAUTHENTICATED');
    }
    const sessions = ((await server.dump()).sessions as { user_id: string; revoked_at: string | null }[]).filter((s) => s.user_id === 'ana');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    // Other users are untouched.
    expect((await server.request(`${API}/sessions/current`, { token: other })).status).toBe(200);

    const login = await server.postSession({ userId: 'ana', password: DEMO_PASSWORD });
    expect(login.status).toBe(403);
    expect(await errorOf(login)).toEqual({ code: 'ACCOUNT_DEACTIVATED', message: ERROR_MESSAGES.ACCOUNT_DEACTIVATED });

    const user = ((await server.dump()).users as { user_id: string; deactivated_at: string; deactivation_reason: string }[]).find((u) => u.user_id === 'ana');
    expect(user?.deactivation_reason).toBe(reason);
    expect(user?.deactivated_at).toBe(server.clock.now().toISOString());
    expect((await auditOf(server, 'ana')).at(-1)).toEqual({
      action: 'registration.deactivate',
      fields: ['deactivated_at', 'deactivation_reason', 'sessions'],
      at: server.clock.now().toISOString(),
    });

    const [notice, ...more] = await mailsTo(server, 'ana@example.com');
    expect(more).toEqual([]);
    expect(notice?.subject).toMatch(/BAJA/);
    expect(notice?.text).toMatch(/dado de baja/);
    expect(notice?.text).toContain(reason);
  });

  it('without a live token → 401 UNAUTHENTICATED', async () => {
    const res = await server.send('POST', DEACTIVATION, undefined, { reason: 'Motivo suficientemente largo' });
    expect(res.status).toBe(401);
  });
});
