import { beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_TOKEN_HEADER, DeviceTokenSchema, ERROR_MESSAGES, LoginResponseSchema } from '../../../src-shared/contract';
import { hashBearerSecret } from '../../../src-server/security/bearer-secret';
import { DEVICE_TOKEN_DAYS } from '../../../src-server/security/device-token';
import { API, DEMO_PASSWORD, serverForFile, type TestServer } from './harness';
import { automaticKeyFor, logInForSession } from './account-security-helpers';
import { getRegistration, keepEmailBody, put, usersWith, verifyPassword } from './general-user-helpers';

/**
 * Issue #30, login defences (docs/architecture.md §5 "Login defences"): an unknown ID.usuario and a wrong password
 * get the same status, body and time, lockout included, from one address with the address budget on; the OWASP
 * device-cookie model keeps a trusted device in during a flood from its own address or against its own account,
 * while an untrusted client is stopped at the limit; the device token is signed, per user, and revoked with the
 * sessions on a password change.
 */

const WRONG = 'Wrong#Pass1';
const TRIES = 50;

interface Answer {
  status: number;
  body: string;
  ms: number;
}

async function attempt(server: TestServer, userId: string, password: string, deviceToken?: string): Promise<Answer> {
  const t0 = performance.now();
  const res = await server.request(`${API}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(deviceToken ? { [DEVICE_TOKEN_HEADER]: deviceToken } : {}) },
    body: JSON.stringify({ userId, password }),
  });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0 };
}

/** A 201's device token (the answer of a successful login). */
function deviceTokenOf(answer: Answer): string {
  expect(answer.status, answer.body).toBe(201);
  return LoginResponseSchema.parse(JSON.parse(answer.body)).deviceToken;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The uniformity margin of login.test.ts (medians within 2× of each other), with a 3 ms floor for answers of ~1 ms. */
function expectSimilarTimes(a: number[], b: number[], what: string) {
  const [ma, mb] = [median(a), median(b)];
  const detail = `${what}: medians ${ma.toFixed(1)} ms vs ${mb.toFixed(1)} ms`;
  if (Math.abs(ma - mb) <= 3) return;
  expect(ma, detail).toBeGreaterThan(mb * 0.5);
  expect(ma, detail).toBeLessThan(mb * 2);
}

const keys = (answers: Answer[]) => answers.map((a) => `${a.status} ${a.body}`);
const lockedBody = JSON.stringify({ error: { code: 'ACCOUNT_LOCKED', message: ERROR_MESSAGES.ACCOUNT_LOCKED } });
const invalidBody = JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: ERROR_MESSAGES.INVALID_CREDENTIALS } });
const expectedSequence = [...Array<string>(4).fill(`401 ${invalidBody}`), ...Array<string>(TRIES - 4).fill(`423 ${lockedBody}`)];

describe('an unknown ID.usuario and a wrong password are indistinguishable, lockout included', () => {
  // The production address budget (30 a minute), the attack ran against it; refusals and locked answers
  // held 100 ms rather than 1 s, to keep 200 tries short.
  const server = serverForFile({
    users: usersWith('uniforme1', 'uniforme2'),
    passwordWork: { perSourceBurst: 30, perSourcePerMinute: 30, perSourceInFlight: 8, refusalDelayMs: 100 },
  });

  it(`${TRIES} tries each, interleaved from one address: the same status and body at every try, times within the margin; no users row for the unknown ID`, async () => {
    const usersBefore = (await server.dump()).users;
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i < TRIES; i++) {
      known.push(await attempt(server, 'uniforme1', `${WRONG}${i}`));
      unknown.push(await attempt(server, 'nadie-uniforme', `${WRONG}${i}`));
    }
    expect(keys(known)).toEqual(expectedSequence);
    expect(keys(unknown)).toEqual(keys(known));
    // The five tries that hash, and the locked ones answered without hashing, each group timed alike.
    expectSimilarTimes(unknown.slice(0, 5).map((a) => a.ms), known.slice(0, 5).map((a) => a.ms), 'tries that hash');
    expectSimilarTimes(unknown.slice(5).map((a) => a.ms), known.slice(5).map((a) => a.ms), 'locked tries');
    // Locked answers are held like the budget's refusals (100 ms here), both alike.
    expect(median(known.slice(5).map((a) => a.ms))).toBeGreaterThanOrEqual(95);
    expect(median(unknown.slice(5).map((a) => a.ms))).toBeGreaterThanOrEqual(95);
    expectSimilarTimes(unknown.map((a) => a.ms), known.map((a) => a.ms), `all ${TRIES}`);
    const dump = await server.dump();
    expect(dump.users).toEqual(usersBefore);
    // The unknown ID is locked in the counters table like the known one.
    const counters = dump.attempt_counters as { scope: string; subject: string; locked_until: string | null }[];
    expect(counters.filter((c) => c.scope === 'login' && c.locked_until !== null).map((c) => c.subject).sort()).toEqual(['nadie-uniforme', 'uniforme1']);
  });

  it(`${TRIES} unknown then ${TRIES} wrong (the issue's order): the same sequences; the locked tries spend none of the address budget`, async () => {
    const unknown: Answer[] = [];
    for (let i = 0; i < TRIES; i++) unknown.push(await attempt(server, 'NADIE-otro', `${WRONG}${i}`));
    const known: Answer[] = [];
    for (let i = 0; i < TRIES; i++) known.push(await attempt(server, 'UNIFORME2', `${WRONG}${i}`));
    expect(keys(unknown)).toEqual(expectedSequence);
    expect(keys(known)).toEqual(expectedSequence);
    expectSimilarTimes(unknown.map((a) => a.ms), known.map((a) => a.ms), `all ${TRIES}`);
  });
});

describe('a trusted device keeps its own budget (OWASP device cookie)', () => {
  // A small address budget that refills slowly (one a minute), refusals answered at once: a flood reaches the limit
  // quickly and stays there for the test.
  const server = serverForFile({
    users: usersWith('oficina1', 'oficina2', 'oficina3'),
    passwordWork: { perSourceBurst: 12, perSourcePerMinute: 1, perSourceInFlight: 8, refusalDelayMs: 0 },
  });
  // Each device logged in once, before any flood: its token.
  const trusted: Record<string, string> = {};
  beforeAll(async () => {
    for (const userId of ['oficina1', 'oficina2']) trusted[userId] = deviceTokenOf(await attempt(server, userId, DEMO_PASSWORD));
  });

  it('a flood of wrong passwords at the account, from the same address: the untrusted right login gets 423, the trusted device logs in during and after it', async () => {
    const token = trusted.oficina1 as string;
    const flood = Array.from({ length: 20 }, (_, i) => attempt(server, 'oficina1', `${WRONG}${i}`));
    const during = attempt(server, 'oficina1', DEMO_PASSWORD, token);
    const [floodAnswers, duringAnswer] = await Promise.all([Promise.all(flood), during]);
    // Parallel tries beyond the address budget are refused (429); counted ones lock the account after 4 failures.
    expect(floodAnswers.every((a) => [401, 423, 429].includes(a.status))).toBe(true);
    expect(floodAnswers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(4);
    const next = deviceTokenOf(duringAnswer);
    // The account is locked for untrusted clients, even with the right password…
    expect(keys([await attempt(server, 'oficina1', DEMO_PASSWORD)])).toEqual([`423 ${lockedBody}`]);
    // …and the trusted device still gets in (with the token it was just given).
    expect((await attempt(server, 'oficina1', DEMO_PASSWORD, next)).status).toBe(201);
  });

  it('a flood of many IDs from the same address exhausts its budget: an untrusted right login gets 429, the trusted one 201', async () => {
    const token = trusted.oficina2 as string;
    const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(server, `nadie-${i}`, WRONG)));
    expect(flood.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    const untrusted = await attempt(server, 'oficina2', DEMO_PASSWORD);
    expect(untrusted.status).toBe(429);
    expect(JSON.parse(untrusted.body)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await attempt(server, 'oficina2', DEMO_PASSWORD, token)).status).toBe(201);
    // Another user of the office, never logged in on this device: stopped at the limit like any untrusted client.
    expect((await attempt(server, 'oficina3', DEMO_PASSWORD)).status).toBe(429);
  });
});

describe('the device token is signed, per user, and locked on its own failures', () => {
  const server = serverForFile({ users: usersWith('equipo4', 'equipo5', 'equipo6', 'equipo7') });

  async function trustedDeviceOf(userId: string): Promise<string> {
    return deviceTokenOf(await attempt(server, userId, DEMO_PASSWORD));
  }

  it('the token is signed and per user: a forged, altered or other user\'s token gives no budget', async () => {
    const own = await trustedDeviceOf('equipo4');
    const other = await trustedDeviceOf('equipo5');
    expect(DeviceTokenSchema.safeParse(own).success).toBe(true);
    for (let i = 0; i < 5; i++) await attempt(server, 'equipo4', `${WRONG}${i}`);
    const [v, id, exp, mac] = own.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const altered = {
      'another user': other,
      'an altered MAC': [v, id, exp, flip(mac)].join('.'),
      'a longer expiry': [v, id, String(Number(exp) + 86_400), mac].join('.'),
      'another id': [v, flip(id), exp, mac].join('.'),
      'garbage': 'not-a-token',
    };
    for (const [what, token] of Object.entries(altered)) {
      expect(keys([await attempt(server, 'equipo4', DEMO_PASSWORD, token)]), what).toEqual([`423 ${lockedBody}`]);
    }
    // The genuine token still vouches; the database holds only its hash.
    expect((await server.dbBytes()).includes(Buffer.from(own))).toBe(false);
    expect((await attempt(server, 'equipo4', DEMO_PASSWORD, own)).status).toBe(201);
  });

  it('a trusted device that fails 5 times is locked itself (then it counts as untrusted); a token replaced at login no longer vouches', async () => {
    const first = await trustedDeviceOf('equipo6');
    const token = deviceTokenOf(await attempt(server, 'equipo6', DEMO_PASSWORD, first));
    expect(token).not.toBe(first);
    for (let i = 0; i < 5; i++) await attempt(server, 'equipo6', `${WRONG}${i}`);
    // The account is locked for untrusted clients; the replaced token is one of them.
    expect((await attempt(server, 'equipo6', DEMO_PASSWORD, first)).status).toBe(423);
    const own = await Promise.all([0, 1, 2, 3, 4].map((i) => attempt(server, 'equipo6', `${WRONG}x${i}`, token)));
    expect(own.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 423]);
    expect((await attempt(server, 'equipo6', DEMO_PASSWORD, token)).status).toBe(423);
    // 15 minutes later both locks have run out: the device is trusted again.
    server.clock.advanceMinutes(16);
    expect((await attempt(server, 'equipo6', DEMO_PASSWORD, token)).status).toBe(201);
  });

  it('a token runs out after its lifetime', async () => {
    const token = await trustedDeviceOf('equipo7');
    server.clock.advanceMinutes(DEVICE_TOKEN_DAYS * 24 * 60 + 1);
    for (let i = 0; i < 5; i++) await attempt(server, 'equipo7', `${WRONG}${i}`);
    expect((await attempt(server, 'equipo7', DEMO_PASSWORD, token)).status).toBe(423);
  });
});

describe('a password change revokes the device tokens with the sessions', () => {
  const server = serverForFile({ users: usersWith('cambio1') });

  it('after Modificar with a new password, the old device token gives no budget and every token row is revoked', async () => {
    const token = deviceTokenOf(await attempt(server, 'cambio1', DEMO_PASSWORD));
    const session = await server.login('cambio1');
    const otherSession = await server.login('cambio1');
    const reg = await getRegistration(server, session);
    const ticket = ((await (await verifyPassword(server, session, DEMO_PASSWORD)).json()) as { ticket: string }).ticket;
    const NEW = 'Nueva#Clave2026';
    expect((await put(server, session, keepEmailBody(reg, { passwordChange: { ticket, newPassword: NEW, confirmation: NEW } }))).status).toBe(200);
    // The sessions go with it (another one is 401), and so do the device tokens.
    expect((await server.request(`${API}/sessions/current`, { token: otherSession })).status).toBe(401);
    const rows = (await server.dump()).device_tokens as { user_id: string; revoked_at: string | null }[];
    expect(rows.filter((r) => r.user_id === 'cambio1').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.user_id === 'cambio1').every((r) => r.revoked_at !== null)).toBe(true);
    for (let i = 0; i < 5; i++) await attempt(server, 'cambio1', `${WRONG}${i}`);
    expect(keys([await attempt(server, 'cambio1', NEW, token)])).toEqual([`423 ${lockedBody}`]);
  });
});

describe('a password reset (Reiniciar clave) revokes the device tokens too', () => {
  const server = serverForFile({ users: usersWith('reinicio1'), generalUserLimits: { resetAnswerMs: 0, resetsPerAddress: 1000, resetsPerUser: 1000 } });

  it('after logging in with the automatic key, the old device token gives no budget', async () => {
    const token = deviceTokenOf(await attempt(server, 'reinicio1', DEMO_PASSWORD));
    const key = await automaticKeyFor(server, 'reinicio1');
    // Another workstation uses the key: the password is replaced, every session and device token of the user ends.
    expect((await logInForSession(server, 'reinicio1', key)).passwordChangeRequired).toBe(true);
    const rows = (await server.dump()).device_tokens as { user_id: string; token_hash: string; revoked_at: string | null }[];
    // The old token is revoked (then pruned when the new one was issued): the one live row is the key user's new token.
    const live = rows.filter((r) => r.user_id === 'reinicio1' && r.revoked_at === null);
    expect(live).toHaveLength(1);
    expect(live[0]?.token_hash).not.toBe(hashBearerSecret(token));
    for (let i = 0; i < 5; i++) await attempt(server, 'reinicio1', `${WRONG}${i}`);
    expect(keys([await attempt(server, 'reinicio1', WRONG, token)])).toEqual([`423 ${lockedBody}`]);
  });
});
