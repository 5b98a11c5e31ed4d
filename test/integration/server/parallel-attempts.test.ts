import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../src-server/sessions/session-store';
import { emailChangeBody, getRegistration, put, sendCode, usersWith, verifyPassword } from './general-user-helpers';
import { DEMO_PASSWORD, errorOf, startServer, type TestServer } from './harness';

/**
 * Issue #11 case 2 and 3: the 5-try limits hold under parallel guessing. Six wrong tries go out at
 * once; while they are still being hashed, the right secret goes out 7th together with the rest
 * (30 or 100 in all). Counted before the hash, only 5 tries are ever checked: the right one is
 * refused, exactly 4 answers are "wrong", the others are the lock. Before the fix the count was
 * read, then written after the slow hash, and the right 7th try got in (2 rounds in 5 for login).
 * Only HTTP and Kysely are used, so the file runs on every dialect of the backend.
 */

const ROUNDS = 3;
const WRONG = (i: number) => `Incorrecta#${i}x`;
let server: TestServer;
const ids = (prefix: string) => Array.from({ length: ROUNDS * 2 }, (_, i) => `${prefix}${i}`);
const LOGIN_IDS = ids('paralogin');
const VERIFY_IDS = ids('paraverif');
const CODE_IDS = ids('paracodigo');

beforeAll(async () => {
  server = await startServer({
    users: usersWith(...LOGIN_IDS, ...VERIFY_IDS, ...CODE_IDS),
    generalUserLimits: { securityCodesPerHour: 100 },
    // Budget off (all tries run at once): this file tests the counters' atomicity, not the queue.
    passwordWork: { concurrency: 1_000 },
  });
});
afterAll(async () => {
  await server?.close();
});

/** Six wrong tries at once, then (while those are still hashing) the right one and `total - 7` more wrong ones. */
async function burst<T>(total: number, attempt: (right: boolean, i: number) => Promise<T>): Promise<{ right: T; all: T[] }> {
  const first = Array.from({ length: 6 }, (_, i) => attempt(false, i));
  await sleep(40);
  const right = attempt(true, 6);
  const rest = Array.from({ length: total - 7 }, (_, i) => attempt(false, 7 + i));
  const all = await Promise.all([...first, right, ...rest]);
  return { right: await right, all };
}

function tally(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

async function keyOf(res: Response): Promise<string> {
  return res.status >= 400 ? `${res.status} ${(await errorOf(res)).code}` : String(res.status);
}

async function triesOf(scope: string, subject: string): Promise<number | undefined> {
  const row = await server.db.selectFrom('attempt_counters').select('tries').where('scope', '=', scope).where('subject', '=', subject).executeTakeFirst();
  return row === undefined ? undefined : Number(row.tries);
}

describe.each([30, 100])('%i parallel tries, the right secret sent 7th', (total) => {
  const round = (list: string[], r: number) => list[(total === 30 ? 0 : ROUNDS) + r] as string;

  it(`login: ${ROUNDS} rounds, the right password never gets in, exactly 4 wrong answers and ${total - 4} locks`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const userId = round(LOGIN_IDS, r);
      const { right, all } = await burst(total, (ok, i) => server.postSession({ userId, password: ok ? DEMO_PASSWORD : WRONG(i) }).then(keyOf));
      expect({ round: r, right, tally: tally(all) }).toEqual({
        round: r,
        right: '423 ACCOUNT_LOCKED',
        tally: { '401 INVALID_CREDENTIALS': 4, '423 ACCOUNT_LOCKED': total - 4 },
      });
      expect(await keyOf(await server.postSession({ userId, password: DEMO_PASSWORD }))).toBe('423 ACCOUNT_LOCKED');
      expect(await triesOf('login', userId)).toBe(5);
    }
  });

  it(`"Verificar contraseña": ${ROUNDS} rounds, the right password never gets a ticket, exactly 4 wrong answers`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const userId = round(VERIFY_IDS, r);
      const { token } = await createSession(server.db, userId, server.clock.now());
      const { right, all } = await burst(total, (ok, i) => verifyPassword(server, token, ok ? DEMO_PASSWORD : WRONG(i)).then(keyOf));
      expect({ round: r, right, tally: tally(all) }).toEqual({
        round: r,
        right: '429 RATE_LIMITED',
        tally: { '401 WRONG_PASSWORD': 4, '429 RATE_LIMITED': total - 4 },
      });
      expect(await triesOf('verify', userId)).toBe(5);
    }
  });

  it(`security code: ${ROUNDS} rounds, the right code never saves, exactly 5 tries counted, nothing changed`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      const userId = round(CODE_IDS, r);
      const { token } = await createSession(server.db, userId, server.clock.now());
      const email = `${userId}-nuevo@example.com`;
      const code = await sendCode(server, token, email);
      const reg = await getRegistration(server, token);
      const wrongCode = (i: number) => (code.startsWith('A') ? 'B' : 'A') + String(i % 10).replace(/[01]/, '2') + code.slice(2);
      const { right, all } = await burst(total, (ok, i) => put(server, token, emailChangeBody(reg, email, ok ? code : wrongCode(i))).then(keyOf));
      expect({ round: r, right, tally: tally(all) }).toEqual({ round: r, right: '400 SECURITY_CODE_INVALID', tally: { '400 SECURITY_CODE_INVALID': total } });
      const row = await server.db.selectFrom('email_security_codes').select(['failed_tries', 'spent_at']).where('user_id', '=', userId).executeTakeFirstOrThrow();
      expect({ tries: Number(row.failed_tries), spent: row.spent_at }).toEqual({ tries: 5, spent: null });
      expect((await getRegistration(server, token)).version).toBe(reg.version);
    }
  });
});

describe('the lockout does not tell which IDs exist (case 3)', () => {
  it('six wrong passwords: the same answers for a real ID and an unknown one; both lock, and a locked answer needs no hash', async () => {
    await server.clearAttempts();
    const six = async (userId: string) => {
      const keys: string[] = [];
      for (let i = 0; i < 6; i++) keys.push(await keyOf(await server.postSession({ userId, password: WRONG(i) })));
      return keys;
    };
    const expected = [...Array<string>(4).fill('401 INVALID_CREDENTIALS'), '423 ACCOUNT_LOCKED', '423 ACCOUNT_LOCKED'];
    expect(await six('jperez')).toEqual(expected);
    expect(await six('nadie-existe')).toEqual(expected);
    // Another spelling of the same ID shares its counter.
    expect(await keyOf(await server.postSession({ userId: ' JPEREZ ', password: DEMO_PASSWORD }))).toBe('423 ACCOUNT_LOCKED');
    expect(await triesOf('login', 'nadie-existe')).toBe(5);
    server.clock.advanceMinutes(15);
    expect(await keyOf(await server.postSession({ userId: 'jperez', password: DEMO_PASSWORD }))).toBe('201');
    expect(await keyOf(await server.postSession({ userId: 'nadie-existe', password: DEMO_PASSWORD }))).toBe('401 INVALID_CREDENTIALS');
  });
});
