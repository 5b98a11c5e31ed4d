import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_CODE_ALPHABET } from '../../src-server/security/security-code';
import { AUTOMATIC_KEY_LENGTH } from '../../src-server/security/automatic-key';
import { createSession } from '../../src-server/sessions/session-store';
import { ErrorBodySchema, LoginChallengeSchema } from '../../src-shared/contract';
import { automaticKeyFor, enrolTwoFactor, totpAt } from '../integration/server/account-security-helpers';
import { usersWith } from '../integration/server/general-user-helpers';
import { API, DEMO_PASSWORD, startServer, type TestServer } from '../integration/server/harness';
import { bump, figures } from './support/summary';

/**
 * Issue 27: parallel guesses at an automatic key (Reiniciar clave) and at "Código de verificación" (TOTP) never pass
 * the limits. Every guess is counted before it is checked, by one conditional UPDATE or upsert, so a burst gets no
 * more checks than the limit allows: 5 per automatic key (then the right key fails too), and the login's 5 in a row
 * for password and codes together (then 423, even for the right code).
 */
const fig = figures('account-guessing');
let server: TestServer;
const U = { key: 'adivinaclave', keyBurst: 'adivinaclave2', totp: 'adivinatotp' } as const;

beforeAll(async () => {
  server = await startServer({ users: usersWith(...Object.values(U)), generalUserLimits: { resetAnswerMs: 0 } });
});
afterAll(async () => {
  await server?.close();
  fig.save();
});

async function postJson(url: string, body: unknown) {
  const res = await server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  fig.requestsSent++;
  const json = JSON.parse(res.body) as unknown;
  const code = ErrorBodySchema.safeParse(json).data?.error.code;
  return { status: res.statusCode, key: code ? `${res.statusCode} ${code}` : String(res.statusCode), json };
}

function wrongKey(right: string): string {
  for (;;) {
    let k = '';
    for (let i = 0; i < AUTOMATIC_KEY_LENGTH; i++) k += SECURITY_CODE_ALPHABET[randomInt(SECURITY_CODE_ALPHABET.length)];
    if (k !== right) return k;
  }
}

const keyRow = async (userId: string) =>
  ((await server.dump()).password_resets as { user_id: string; failed_tries: number; spent_at: string | null }[]).find((r) => r.user_id === userId);

describe('parallel guesses never pass the limits', () => {
  it('200 parallel wrong automatic keys: none logs in, at most 5 are checked, then the right key fails too', async () => {
    for (const userId of [U.key, U.keyBurst]) {
      const right = await automaticKeyFor(server, userId);
      const statuses: Record<string, number> = {};
      const answers = await Promise.all(Array.from({ length: 200 }, () => postJson(`${API}/sessions`, { userId, password: wrongKey(right) })));
      answers.forEach((a) => bump(statuses, a.key));
      fig.faultsInjected += 200;
      expect(answers.filter((a) => a.status === 201)).toEqual([]);
      expect(Object.keys(statuses).sort()).toEqual(expect.arrayContaining(['423 ACCOUNT_LOCKED']));
      const row = await keyRow(userId);
      expect(row?.failed_tries).toBe(5);
      expect(row?.spent_at).toBeNull();
      const rightAfter = await postJson(`${API}/sessions`, { userId, password: right });
      expect(rightAfter.status).not.toBe(201);
      // The password was never replaced: the key never worked.
      await server.clearAttempts();
      expect((await postJson(`${API}/sessions`, { userId, password: DEMO_PASSWORD })).status).toBe(201);
      fig.details[`automaticKey:${userId}`] = { parallelGuesses: 200, statuses, checkedTries: row?.failed_tries, rightKeyAfter: rightAfter.key };
    }
  });

  it('200 parallel wrong codes on one challenge and on 5 challenges: none logs in, the lockout holds, then the right code is 423', async () => {
    const token = (await createSession(server.db, U.totp, server.clock.now())).token;
    const { secret } = await enrolTwoFactor(server, token);
    server.clock.advanceSeconds(30);
    const valid = new Set([-1, 0, 1].map((d) => totpAt(secret, new Date(server.clock.now().getTime() + d * 30_000))));
    const wrongCode = () => {
      for (;;) {
        const c = String(randomInt(1_000_000)).padStart(6, '0');
        if (!valid.has(c)) return c;
      }
    };
    const challenges = await Promise.all(Array.from({ length: 5 }, () => postJson(`${API}/sessions`, { userId: U.totp, password: DEMO_PASSWORD })));
    const live = challenges.filter((c) => c.status === 202).map((c) => LoginChallengeSchema.parse(c.json).challenge);
    // Five passwords counted five tries: the 5th still answers a challenge (the password was right), none more come.
    expect(live.length).toBeGreaterThan(0);
    const statuses: Record<string, number> = {};
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => postJson(`${API}/sessions/verification`, { challenge: live[i % live.length], code: wrongCode() })));
    answers.forEach((a) => bump(statuses, a.key));
    fig.faultsInjected += 200;
    expect(answers.filter((a) => a.status === 201)).toEqual([]);
    // The login's 5 in a row: of password and code tries together, at most 5 are checked.
    expect((statuses['401 VERIFICATION_CODE_INVALID'] ?? 0) + live.length).toBeLessThanOrEqual(5);
    const right = await postJson(`${API}/sessions/verification`, { challenge: live[0], code: totpAt(secret, server.clock.now()) });
    expect(right.key).toBe('423 ACCOUNT_LOCKED');
    fig.details.totp = { challenges: live.length, parallelGuesses: 200, statuses, rightCodeAfter: right.key };
  });
});
