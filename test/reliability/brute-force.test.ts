import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_CODE_ALPHABET } from '../../src-server/security/security-code';
import { createSession } from '../../src-server/sessions/session-store';
import { ErrorBodySchema, RegistrationSchema, type Registration } from '../../src-shared/contract';
import { emailChangeBody, latestCode, REGISTRATION, SECURITY_CODE, usersWith, VERIFY } from '../integration/server/general-user-helpers';
import { API, DEMO_PASSWORD, startServer, type TestServer } from '../integration/server/harness';
import { bump, figures } from './support/summary';

/**
 * Issue #6, brute force (docs/instructivo.md §9): 10 000 guesses at one user's e-mail security code are cut off
 * after 5 wrong ones (from then on even the right code fails); repeated wrong logins lock the
 * account (423 from the 5th on, even with the right password); guessing the current password at
 * "Verificar contraseña" is limited the same way (429 from the 5th wrong on). In-process inject
 * (real routes, real SQLite) keeps 10 000 requests fast; parallel bursts check that concurrency
 * does not buy extra tries.
 */

const GUESSES = Math.max(1_000, Math.round(10_000 * Number(process.env.RELIABILITY_SCALE ?? '1')));

const fig = figures('brute-force');
let server: TestServer;

const U = { code: 'fuerzacodigo', burst: 'fuerzarafaga', login: 'fuerzalogin', loginBurst: 'fuerzalogin2', verify: 'fuerzaverif' } as const;

beforeAll(async () => {
  server = await startServer({ users: usersWith(...Object.values(U)) });
});
afterAll(async () => {
  await server?.close();
  fig.save();
});

async function inject(method: 'GET' | 'POST' | 'PUT', url: string, token: string | undefined, body?: unknown) {
  const res = await server.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  fig.requestsSent++;
  const json = res.body ? (JSON.parse(res.body) as unknown) : null;
  const code = ErrorBodySchema.safeParse(json).data?.error.code;
  return { status: res.statusCode, code, key: code ? `${res.statusCode} ${code}` : String(res.statusCode), json };
}

async function session(userId: string): Promise<string> {
  return (await createSession(server.db, userId, server.clock.now())).token;
}

function wrongCode(right: string): string {
  for (;;) {
    let c = '';
    for (let i = 0; i < right.length; i++) c += SECURITY_CODE_ALPHABET[randomInt(SECURITY_CODE_ALPHABET.length)];
    if (c !== right) return c;
  }
}

const stored = async (userId: string) =>
  ((await server.dump()).users as { user_id: string; email: string; version: number }[]).find((u) => u.user_id === userId);
const codeRow = async (userId: string) =>
  ((await server.dump()).email_security_codes as { user_id: string; failed_tries: number; spent_at: string | null }[]).find((c) => c.user_id === userId);

describe('brute force is cut off', () => {
  it(`${GUESSES} guesses at a security code: 400 for all, the code dead after the 5th wrong one (even the right code fails)`, async () => {
    const token = await session(U.code);
    const email = `${U.code}-nuevo@example.com`;
    expect((await inject('POST', SECURITY_CODE, token, { email })).status).toBe(202);
    const right = await latestCode(server, email);
    const reg = RegistrationSchema.parse((await inject('GET', REGISTRATION, token)).json);
    const before = (await stored(U.code));

    // The right code goes in as the 6th guess, somewhere in the middle and as the very last one.
    const rightAt = new Set([5, Math.floor(GUESSES / 2), GUESSES - 1]);
    const statuses: Record<string, number> = {};
    const rightCodeAnswers: string[] = [];
    const started = Date.now();
    for (let i = 0; i < GUESSES; i++) {
      const guess = rightAt.has(i) ? right : wrongCode(right);
      const res = await inject('PUT', REGISTRATION, token, emailChangeBody(reg, email, guess));
      fig.faultsInjected++;
      bump(statuses, res.key);
      if (rightAt.has(i)) rightCodeAnswers.push(res.key);
      if (i < 5) expect(res.key, `wrong guess ${i + 1}`).toBe('400 SECURITY_CODE_INVALID');
    }
    expect(statuses).toEqual({ '400 SECURITY_CODE_INVALID': GUESSES });
    expect(rightCodeAnswers).toEqual(['400 SECURITY_CODE_INVALID', '400 SECURITY_CODE_INVALID', '400 SECURITY_CODE_INVALID']);
    // Only the 5 wrong tries counted; nothing about the user changed.
    expect((await codeRow(U.code))).toMatchObject({ failed_tries: 5, spent_at: null });
    expect((await stored(U.code))).toEqual(before);

    // The cut-off is the code's, not the user's: a new code (after the 1-a-minute limit) works.
    server.clock.advanceMinutes(2);
    expect((await inject('POST', SECURITY_CODE, token, { email })).status).toBe(202);
    const fresh = await latestCode(server, email);
    const ok = await inject('PUT', REGISTRATION, token, emailChangeBody(reg, email, fresh));
    expect(ok.status).toBe(200);
    expect((ok.json as Registration).email).toBe(email);

    fig.details.securityCode = { guesses: GUESSES, statuses, rightCodeAnswers, countedTries: 5, ms: Date.now() - started };
  });

  it('50 wrong security-code guesses at once, then the right one: all refused, at least 5 counted', async () => {
    const token = await session(U.burst);
    const email = `${U.burst}-nuevo@example.com`;
    expect((await inject('POST', SECURITY_CODE, token, { email })).status).toBe(202);
    const right = await latestCode(server, email);
    const reg = RegistrationSchema.parse((await inject('GET', REGISTRATION, token)).json);
    const answers = await Promise.all(Array.from({ length: 50 }, () => inject('PUT', REGISTRATION, token, emailChangeBody(reg, email, wrongCode(right)))));
    const statuses: Record<string, number> = {};
    answers.forEach((a) => bump(statuses, a.key));
    fig.faultsInjected += 50;
    expect(statuses).toEqual({ '400 SECURITY_CODE_INVALID': 50 });
    expect((await codeRow(U.burst))?.failed_tries).toBeGreaterThanOrEqual(5);
    const rightAfter = await inject('PUT', REGISTRATION, token, emailChangeBody(reg, email, right));
    fig.faultsInjected++;
    expect(rightAfter.key).toBe('400 SECURITY_CODE_INVALID');
    expect((await stored(U.burst))?.version).toBe(reg.version);
    fig.details.securityCodeBurst = { parallelGuesses: 50, statuses, countedTries: (await codeRow(U.burst))?.failed_tries, rightCodeAfter: rightAfter.key };
  });

  it('wrong logins lock the account: 401 four times, 423 from the 5th on, even with the right password; unlocked after 15 minutes', async () => {
    const login = (password: string, userId: string = U.login) => inject('POST', `${API}/sessions`, undefined, { userId, password });
    const seq: string[] = [];
    for (let i = 0; i < 20; i++) {
      seq.push((await login(`Incorrecta#${i}`)).key);
      fig.faultsInjected++;
    }
    expect(seq).toEqual([...Array<string>(4).fill('401 INVALID_CREDENTIALS'), ...Array<string>(16).fill('423 ACCOUNT_LOCKED')]);
    const rightWhileLocked = (await login(DEMO_PASSWORD)).key;
    expect(rightWhileLocked).toBe('423 ACCOUNT_LOCKED');
    server.clock.advanceMinutes(16);
    expect((await login(DEMO_PASSWORD)).status).toBe(201);

    // 20 wrong logins at once: concurrency buys no more than 4 answers that are not a lock.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`Incorrecta#${i}`, U.loginBurst)));
    fig.faultsInjected += 20;
    const burstStatuses: Record<string, number> = {};
    burst.forEach((a) => bump(burstStatuses, a.key));
    expect(burstStatuses['401 INVALID_CREDENTIALS'] ?? 0).toBeLessThanOrEqual(4);
    expect(Object.keys(burstStatuses).every((k) => k === '401 INVALID_CREDENTIALS' || k === '423 ACCOUNT_LOCKED')).toBe(true);
    expect((await login(DEMO_PASSWORD, U.loginBurst)).key).toBe('423 ACCOUNT_LOCKED');

    fig.details.login = { sequential: countOf(seq), rightPasswordWhileLocked: rightWhileLocked, afterLockExpired: 201, parallelBurst: burstStatuses };
  });

  it('guessing the current password at "Verificar contraseña": 401 four times, 429 from the 5th wrong on, even the right one; the login is not locked by it', async () => {
    const token = await session(U.verify);
    const verify = (currentPassword: string) => inject('POST', VERIFY, token, { currentPassword });
    const seq: string[] = [];
    for (let i = 0; i < 20; i++) {
      seq.push((await verify(`Incorrecta#${i}`)).key);
      fig.faultsInjected++;
    }
    expect(seq).toEqual([...Array<string>(4).fill('401 WRONG_PASSWORD'), ...Array<string>(16).fill('429 RATE_LIMITED')]);
    const rightWhileLimited = (await verify(DEMO_PASSWORD)).key;
    expect(rightWhileLimited).toBe('429 RATE_LIMITED');
    // A separate counter: the same user can still log in.
    expect((await inject('POST', `${API}/sessions`, undefined, { userId: U.verify, password: DEMO_PASSWORD })).status).toBe(201);
    server.clock.advanceMinutes(16);
    expect((await verify(DEMO_PASSWORD)).status).toBe(200);
    fig.details.passwordVerify = { sequential: countOf(seq), rightPasswordWhileLimited: rightWhileLimited, afterLockExpired: 200 };
  });
});

function countOf(keys: string[]): Record<string, number> {
  const c: Record<string, number> = {};
  keys.forEach((k) => bump(c, k));
  return c;
}
