import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src-shared/contract';
import { PasswordWorkBudget } from '../../../src-server/security/password-work-budget';
import { createSession } from '../../../src-server/sessions/session-store';
import { VERIFY } from './general-user-helpers';
import { API, DEMO_PASSWORD, serverForFile } from './harness';

/**
 * Issue #11 case 1: the budget for password work. Beyond a source's budget a login or "Verificar
 * contraseña" gets 429 RATE_LIMITED with Retry-After and a Spanish message, at once and without
 * hashing (the try is not even counted); other sources are not affected. The queue serves the
 * quietest source first and sheds the busiest one's work. (The timing target under a real flood is
 * test/reliability/login-flood.test.ts and `npm run bench`.)
 */

const server = serverForFile({ passwordWork: { perSourceBurst: 3, perSourcePerMinute: 6, perSourceInFlight: 8, concurrency: 1, queueMax: 16, refusalDelayMs: 0 } });

const login = (remoteAddress: string, password = 'Incorrecta#1', userId = 'cvera') =>
  server.app.inject({ method: 'POST', url: `${API}/sessions`, remoteAddress, payload: { userId, password } });

describe('password-work budget', () => {
  it('the 4th login of a source within its budget of 3 → 429 RATE_LIMITED, Retry-After, Spanish message, no hash, not counted', async () => {
    await server.clearAttempts();
    for (let i = 0; i < 3; i++) expect((await login('10.0.0.1')).statusCode).toBe(401);
    const res = await login('10.0.0.1', DEMO_PASSWORD);
    expect(res.statusCode).toBe(429);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/^Hay demasiados intentos de contraseña desde su equipo o su red\. Espere \d+ segundos? y vuelva a intentarlo\.$/);
    expect(body.error.message).not.toBe(ERROR_MESSAGES.RATE_LIMITED);
    // 6 a minute: the next token is at most 10 s away (less when this machine is slow between requests).
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(10);
    // The refused request never reached the login: its try was not even counted (the count comes before the hash).
    const row = await server.db.selectFrom('attempt_counters').select('tries').where('subject', '=', 'cvera').executeTakeFirstOrThrow();
    expect(Number(row.tries)).toBe(3);
    // Another source is not affected.
    expect((await login('10.0.0.2', DEMO_PASSWORD)).statusCode).toBe(201);
  });

  it('"Verificar contraseña" shares the budget of its source', async () => {
    const { token } = await createSession(server.db, 'mlopez', server.clock.now());
    const verify = () =>
      server.app.inject({ method: 'POST', url: VERIFY, remoteAddress: '10.0.0.3', headers: { authorization: `Bearer ${token}` }, payload: { currentPassword: DEMO_PASSWORD } });
    for (let i = 0; i < 3; i++) expect((await verify()).statusCode).toBe(200);
    const res = await verify();
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('PasswordWorkBudget refusals', () => {
  it('a refusal is held refusalDelayMs before it is sent (a looping client is slowed down), and nothing runs', async () => {
    const budget = new PasswordWorkBudget({ perSourceBurst: 1, perSourcePerMinute: 1, perSourceInFlight: 8, concurrency: 1, queueMax: 4, refusalDelayMs: 300 });
    await budget.run('a', async () => undefined);
    let ran = false;
    const t0 = performance.now();
    await expect(budget.run('a', async () => void (ran = true))).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(ran).toBe(false);
  });
});

describe('PasswordWorkBudget queue', () => {
  const limits = { perSourceBurst: 1000, perSourcePerMinute: 1000, perSourceInFlight: 1000, concurrency: 1, queueMax: 3, refusalDelayMs: 0 };
  const gate = () => {
    let open!: () => void;
    const p = new Promise<void>((r) => (open = r));
    return { p, open };
  };

  it('runs at most `concurrency` jobs; the quietest source goes next; a full queue sheds the busiest source', async () => {
    const budget = new PasswordWorkBudget(limits);
    const order: string[] = [];
    const first = gate();
    const running = budget.run('flood', async () => {
      order.push('flood-0');
      await first.p;
    });
    const waiting = [1, 2, 3].map((i) => budget.run('flood', async () => void order.push(`flood-${i}`)).then(() => 'ok', (e: Error) => e.message));
    expect(budget.load()).toEqual({ running: 1, waiting: 3 });
    // Queue full: the quiet newcomer takes the place of a waiting job of the busiest source.
    const quiet = budget.run('quiet', async () => void order.push('quiet'));
    expect(budget.load()).toEqual({ running: 1, waiting: 3 });
    first.open();
    await running;
    await quiet;
    const outcomes = await Promise.all(waiting);
    expect(order[1]).toBe('quiet');
    expect(outcomes.filter((o) => o !== 'ok')).toHaveLength(1);
    expect(outcomes.find((o) => o !== 'ok')).toMatch(/^Hay demasiados intentos/);
  });

  it('a newcomer from the busiest source is itself refused when the queue is full', async () => {
    const budget = new PasswordWorkBudget(limits);
    const first = gate();
    const running = budget.run('flood', () => first.p);
    const waiting = [1, 2, 3].map(() => budget.run('flood', async () => undefined));
    await expect(budget.run('flood', async () => undefined)).rejects.toMatchObject({ code: 'RATE_LIMITED', headers: { 'retry-after': '2' } });
    first.open();
    await Promise.all([running, ...waiting]);
    expect(budget.load()).toEqual({ running: 0, waiting: 0 });
  });
});
