import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src-server/sessions/session-store';
import { RegistrationSchema, type Registration } from '../../src-shared/contract';
import { emailChangeBody, getRegistration, keepEmailBody, usersWith } from '../integration/server/general-user-helpers';
import { API, startServer, type TestServer } from '../integration/server/harness';
import { applyMutations, contentType, mutations, rawBody, weirdValue, WEIRD_KEYS, type Mutation } from './support/arbitraries';
import { fingerprinter, type Fingerprinter, type Fingerprints } from './support/fingerprint';
import { checkAnswer, COUNTING_CODES, type Answer, type EndpointSpec } from './support/oracle';
import { bump, figures } from './support/summary';

/**
 * Issue #6, fuzzing the HTTP API (docs/architecture.md §5): for every endpoint, thousands of generated bodies
 * (mutations of a valid body with hostile values, whole hostile values, prototype keys, deep
 * nesting, huge strings) and raw bodies (random bytes and text, almost-JSON, random content types)
 * through Fastify's in-process `inject` (real routing, real SQLite), plus a smaller sample over
 * real HTTP. Each answer: never a 5xx, a status documented for the endpoint, the JSON error body
 * shape; and after every refused request the database is exactly as before (only the attempt
 * counters of a refused guess may move, see support/fingerprint.ts).
 */

const SCALE = Number(process.env.RELIABILITY_SCALE ?? '1');
const JSON_RUNS = Math.round(2_000 * SCALE);
const RAW_RUNS = Math.round(250 * SCALE);
const HTTP_RUNS = Math.round(50 * SCALE);
const SEED = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined;

const fig = figures('http-fuzz');
const perEndpoint: Record<string, { jsonCases: number; rawCases: number; httpCases: number; accepted: number; statuses: Record<string, number> }> = {};
fig.details.perEndpoint = perEndpoint;
const timings = { requestMs: 0, fingerprintMs: 0 };
fig.details.timings = timings;

const U = {
  login: 'fzlogin',
  current: 'fzcurrent',
  logout: 'fzlogout',
  reg: 'fzreg',
  put: 'fzput',
  verify: 'fzverify',
  avail: 'fzavail',
  code: 'fzcode',
  deact: 'fzdeact',
  forced: 'fzforced',
  twoFactor: 'fztwofactor',
  /** Whose live token the 'other-user' cases send. */
  other: 'fzother',
} as const;

let server: TestServer;
let fp: Fingerprinter;
const tokens: Record<string, string> = {};
let putReg: Registration;

async function newSession(userId: string): Promise<void> {
  const { token } = await createSession(server.db, userId, server.clock.now());
  tokens[userId] = token;
}

/**
 * Undoes a success that ended the user's session or the user (a valid DELETE /sessions/current or
 * deactivation): same token, live again. Keeps the tables small, so the fingerprint stays cheap.
 */
async function revive(userId: string): Promise<void> {
  await server.sql('UPDATE users SET deactivated_at = NULL, deactivation_reason = NULL WHERE user_id = ?', userId);
  await server.sql('UPDATE sessions SET revoked_at = NULL WHERE user_id = ?', userId);
}

beforeAll(async () => {
  server = await startServer({ users: usersWith(...Object.values(U)), generalUserLimits: { resetAnswerMs: 0 } });
  for (const id of Object.values(U)) if (id !== U.login) await newSession(id);
  putReg = await getRegistration(server, tokens[U.put] as string);
  fp = await fingerprinter(server);
});

afterAll(async () => {
  await fp?.close();
  await server?.close();
  fig.save();
});

type Auth = 'valid' | 'none' | 'garbage' | 'basic' | 'lowercase' | 'other-user';
const authArb: fc.Arbitrary<{ kind: Auth; garbage: string }> = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constant<Auth>('valid'), weight: 12 },
    { arbitrary: fc.constantFrom<Auth>('none', 'garbage', 'basic', 'lowercase', 'other-user'), weight: 3 },
  ),
  garbage: fc.stringMatching(/^[\x21-\x7e]{0,150}$/),
});

interface Target {
  spec: EndpointSpec;
  /** The user whose token authenticates (none: no auth needed). */
  user?: string;
  /** A body the endpoint accepts, built at run time from the current state; undefined: no body. */
  bases: (() => Record<string, unknown>)[];
  paths: string[];
  parents: string[];
  /** After a 2xx: restore what the success consumed (a revoked session, a deactivated user...). */
  onSuccess?: (answerText: string) => Promise<void>;
}

const GU = `${API}/general-user`;
const TARGETS: Target[] = [
  {
    spec: { name: 'POST /sessions', method: 'POST', url: `${API}/sessions`, ok: 201, codes: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_DEACTIVATED'] },
    // A wrong password for an existing user: locked after 5, so later valid-shaped guesses cost no scrypt.
    bases: [() => ({ userId: U.login, password: 'Incorrecta#2026' })],
    paths: ['userId', 'password'],
    parents: [''],
  },
  {
    spec: { name: 'GET /sessions/current', method: 'GET', url: `${API}/sessions/current`, ok: 200, codes: [] },
    user: U.current,
    bases: [],
    paths: [],
    parents: [],
  },
  {
    spec: { name: 'DELETE /sessions/current', method: 'DELETE', url: `${API}/sessions/current`, ok: 204, codes: [] },
    user: U.logout,
    bases: [],
    paths: [],
    parents: [],
    onSuccess: async () => revive(U.logout),
  },
  {
    spec: { name: 'GET /general-user/registration', method: 'GET', url: `${GU}/registration`, ok: 200, codes: [] },
    user: U.reg,
    bases: [],
    paths: [],
    parents: [],
  },
  {
    spec: {
      name: 'PUT /general-user/registration',
      method: 'PUT',
      url: `${GU}/registration`,
      ok: 200,
      codes: ['VALIDATION_FAILED', 'VERSION_CONFLICT', 'EMAIL_UNAVAILABLE', 'SECURITY_CODE_INVALID', 'SECURITY_CODE_EXPIRED', 'PASSWORD_TICKET_INVALID', 'NAME_CHANGE_TOO_LARGE'],
    },
    user: U.put,
    bases: [
      () => keepEmailBody(putReg),
      () => emailChangeBody(putReg, 'fz-nuevo@example.com', 'ABCD2345'),
      () => keepEmailBody(putReg, { passwordChange: { ticket: 'no-es-un-ticket', newPassword: 'Nueva#Clave2026', confirmation: 'Nueva#Clave2026' } }),
      () => keepEmailBody(putReg, { country: 'CO', province: null, city: null, phone1: '016012345678', mobile: { carrier: 'MOVISTAR', number: '03001234567' } }),
    ],
    paths: [
      'version', 'name', 'country', 'province', 'city', 'phone1', 'phone2', 'mobile', 'mobile.carrier', 'mobile.number', 'fax',
      'keepEmail', 'email', 'emailConfirmation', 'securityCode', 'passwordChange', 'passwordChange.ticket',
      'passwordChange.newPassword', 'passwordChange.confirmation',
    ],
    parents: ['', 'mobile', 'passwordChange'],
    onSuccess: async (text) => {
      putReg = RegistrationSchema.parse(JSON.parse(text));
      expect(putReg.userId).toBe(U.put);
    },
  },
  {
    spec: { name: 'POST /general-user/password/verify', method: 'POST', url: `${GU}/password/verify`, ok: 200, codes: ['VALIDATION_FAILED', 'WRONG_PASSWORD', 'RATE_LIMITED'] },
    user: U.verify,
    bases: [() => ({ currentPassword: 'Incorrecta#2026' })],
    paths: ['currentPassword'],
    parents: [''],
  },
  {
    spec: { name: 'POST /general-user/email/availability', method: 'POST', url: `${GU}/email/availability`, ok: 200, codes: ['VALIDATION_FAILED'] },
    user: U.avail,
    bases: [() => ({ email: 'libre@example.com' }), () => ({ email: 'jperez@example.com' })],
    paths: ['email'],
    parents: [''],
  },
  {
    spec: { name: 'POST /general-user/email/security-code', method: 'POST', url: `${GU}/email/security-code`, ok: 202, codes: ['VALIDATION_FAILED', 'EMAIL_UNAVAILABLE', 'RATE_LIMITED'] },
    user: U.code,
    bases: [() => ({ email: 'fz-codigo@example.com' }), () => ({ email: 'jperez@example.com' })],
    paths: ['email'],
    parents: [''],
  },
  {
    spec: { name: 'POST /general-user/deactivation', method: 'POST', url: `${GU}/deactivation`, ok: 200, codes: ['VALIDATION_FAILED'] },
    user: U.deact,
    bases: [() => ({ reason: 'Cambio de empresa y de cargo' })],
    paths: ['reason'],
    parents: [''],
    // A body that happens to be valid deactivates the user: bring them back with a fresh session.
    onSuccess: async () => revive(U.deact),
  },
  // Reiniciar clave and two-step verification (issue 27).
  {
    spec: { name: 'POST /password-resets', method: 'POST', url: `${API}/password-resets`, ok: 202, codes: ['VALIDATION_FAILED', 'RATE_LIMITED'] },
    bases: [() => ({ userId: 'fz-nadie', idDocument: '0924680135', email: 'fz-nadie@example.com' }), () => ({ userId: 'fz-nadie', idDocument: 'AB1234567', email: 'fz-nadie@example.com', classification: 'USUARIO_GENERAL' })],
    paths: ['userId', 'idDocument', 'email', 'classification'],
    parents: [''],
  },
  {
    spec: {
      name: 'POST /sessions/verification',
      method: 'POST',
      url: `${API}/sessions/verification`,
      ok: 201,
      codes: ['VALIDATION_FAILED', 'VERIFICATION_EXPIRED', 'VERIFICATION_CODE_INVALID', 'ACCOUNT_LOCKED', 'ACCOUNT_DEACTIVATED'],
    },
    bases: [() => ({ challenge: 'no-es-un-desafio', code: '123456' }), () => ({ challenge: 'no-es-un-desafio', code: 'ABCD-EFGH-JKLM-NPQR' })],
    paths: ['challenge', 'code'],
    parents: [''],
  },
  {
    spec: { name: 'POST /general-user/password/forced-change', method: 'POST', url: `${GU}/password/forced-change`, ok: 204, codes: ['VALIDATION_FAILED', 'PASSWORD_CHANGE_NOT_REQUIRED'] },
    user: U.forced,
    bases: [() => ({ newPassword: 'Nueva#Clave2027', confirmation: 'Nueva#Clave2027' })],
    paths: ['newPassword', 'confirmation'],
    parents: [''],
  },
  {
    spec: { name: 'POST /general-user/two-factor/confirmation', method: 'POST', url: `${GU}/two-factor/confirmation`, ok: 200, codes: ['VALIDATION_FAILED', 'TWO_FACTOR_NOT_ENABLED', 'TWO_FACTOR_ALREADY_ENABLED', 'VERIFICATION_CODE_INVALID', 'RATE_LIMITED'] },
    user: U.twoFactor,
    bases: [() => ({ code: '123456' })],
    paths: ['code'],
    parents: [''],
  },
  {
    spec: { name: 'POST /general-user/two-factor/deactivation', method: 'POST', url: `${GU}/two-factor/deactivation`, ok: 204, codes: ['VALIDATION_FAILED', 'TWO_FACTOR_NOT_ENABLED', 'WRONG_PASSWORD', 'VERIFICATION_CODE_INVALID', 'RATE_LIMITED'] },
    user: U.twoFactor,
    bases: [() => ({ password: 'Incorrecta#2026', code: '123456' })],
    paths: ['password', 'code'],
    parents: [''],
  },
];

/** What one generated case sends: headers and payload, built from the current state. */
interface Wire {
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
  describe: string;
  /** Sent with another user's token: a success changed that user, not the endpoint's own. */
  asOther: boolean;
}

function authHeader(t: Target, auth: { kind: Auth; garbage: string }): Record<string, string> {
  const own = t.user ? tokens[t.user] : undefined;
  const other = tokens[U.other];
  switch (auth.kind) {
    case 'valid':
      return own ? { authorization: `Bearer ${own}` } : {};
    case 'none':
      return {};
    case 'garbage':
      return { authorization: auth.garbage };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`jperez:${auth.garbage}`).toString('base64')}` };
    case 'lowercase':
      return own ? { authorization: `bearer ${own}` } : { authorization: `Bearer ${auth.garbage}` };
    case 'other-user':
      // Another user's live token: the answer must be about that user, never a crash or a change here.
      return other ? { authorization: `Bearer ${other}` } : {};
  }
}

type JsonCase = { kind: 'mutate'; base: number; ms: Mutation[] } | { kind: 'value'; value: unknown };

function jsonCaseArb(t: Target): fc.Arbitrary<{ body: JsonCase; auth: { kind: Auth; garbage: string } }> {
  const arbs: fc.WeightedArbitrary<JsonCase>[] = [{ arbitrary: weirdValue.map((value): JsonCase => ({ kind: 'value', value })), weight: 2 }];
  if (t.bases.length > 0) {
    arbs.push({
      arbitrary: fc.record({ base: fc.nat({ max: t.bases.length - 1 }), ms: mutations(t.paths, t.parents) }).map((r): JsonCase => ({ kind: 'mutate', ...r })),
      weight: 7,
    });
    // Only weird keys, or a valid body plus read-only / prototype keys.
    arbs.push({
      arbitrary: fc
        .record({ base: fc.nat({ max: t.bases.length - 1 }), key: fc.constantFrom(...WEIRD_KEYS), value: weirdValue })
        .map(({ base, key, value }): JsonCase => ({ kind: 'mutate', base, ms: [{ op: 'add', parent: '', key, value }] })),
      weight: 1,
    });
  }
  return fc.record({ body: fc.oneof(...arbs), auth: authArb });
}

function jsonWire(t: Target, c: { body: JsonCase; auth: { kind: Auth; garbage: string } }): Wire {
  const base = c.body.kind === 'mutate' ? t.bases[c.body.base]?.() : undefined;
  const value = c.body.kind === 'mutate' ? applyMutations(base ?? {}, c.body.ms) : c.body.value;
  const payload = JSON.stringify(value) ?? 'null';
  return {
    headers: { 'content-type': 'application/json', ...authHeader(t, c.auth) },
    payload,
    asOther: c.auth.kind === 'other-user',
    describe: `${c.auth.kind} ${payload.length > 400 ? `${payload.slice(0, 400)}…(${payload.length} chars)` : payload}`,
  };
}

function rawCaseArb(t: Target) {
  const valid = t.bases[0]?.() ?? {};
  return fc.record({ raw: fc.option(rawBody(JSON.stringify(valid)), { freq: 8 }), type: contentType, auth: authArb });
}

function rawWire(t: Target, c: { raw: string | Buffer | null; type: string | undefined; auth: { kind: Auth; garbage: string } }): Wire {
  const headers: Record<string, string> = { ...authHeader(t, c.auth) };
  if (c.type !== undefined) headers['content-type'] = c.type;
  const payload = c.raw ?? undefined;
  const shown = payload === undefined ? '(no body)' : Buffer.isBuffer(payload) ? `<${payload.length} bytes>` : JSON.stringify(payload.slice(0, 200));
  return { headers, payload, asOther: c.auth.kind === 'other-user', describe: `${c.auth.kind} [${c.type}] ${shown}` };
}

async function injectAnswer(t: Target, w: Wire): Promise<Answer> {
  const res = await server.app.inject({ method: t.spec.method, url: t.spec.url, headers: w.headers, ...(w.payload === undefined ? {} : { payload: w.payload }) });
  const ct = res.headers['content-type'];
  return { status: res.statusCode, contentType: ct === undefined ? undefined : String(Array.isArray(ct) ? ct[0] : ct), text: res.body };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function httpAnswer(t: Target, w: Wire): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Node's client sends a GET or DELETE body without framing it; say how long it is, so the body is a body.
    const length = w.payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(w.payload)) };
    const req = http.request(server.baseUrl + t.spec.url, { method: t.spec.method, headers: { ...w.headers, ...length }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(w.payload);
  });
}

let before: Fingerprints | undefined;

/** Sends one case and checks the answer and the database. */
async function runCase(t: Target, w: Wire, via: 'inject' | 'http', kind: 'jsonCases' | 'rawCases' | 'httpCases'): Promise<void> {
  const stats = (perEndpoint[t.spec.name] ??= { jsonCases: 0, rawCases: 0, httpCases: 0, accepted: 0, statuses: {} });
  before ??= await fp.take();
  const t0 = performance.now();
  const answer = via === 'inject' ? await injectAnswer(t, w) : await httpAnswer(t, w);
  const t1 = performance.now();
  timings.requestMs += t1 - t0;
  fig.requestsSent++;
  stats[kind]++;
  const verdict = checkAnswer(t.spec, answer, w.describe);
  const t2 = performance.now();
  const after = await fp.take();
  timings.fingerprintMs += performance.now() - t2;
  if (verdict.ok) {
    stats.accepted++;
    bump(stats.statuses, String(verdict.status));
    if (w.asOther) {
      // Bring the other user back (a body may have deactivated them or revoked their session).
      await revive(U.other);
      before = await fp.take();
    } else {
      await t.onSuccess?.(answer.text);
      before = t.onSuccess ? await fp.take() : after;
    }
    return;
  }
  fig.faultsInjected++;
  bump(stats.statuses, `${verdict.status} ${verdict.code}`);
  const same = COUNTING_CODES.has(verdict.code) ? after.relaxed === before.relaxed : after.strict === before.strict;
  if (!same) {
    fig.dataLost++;
    expect.fail(`${t.spec.name}: refused with ${verdict.status} ${verdict.code} but the database changed ← ${w.describe.slice(0, 300)}`);
  }
  before = after;
}

const assertOptions = (numRuns: number) => ({
  numRuns,
  ...(SEED === undefined ? {} : { seed: SEED }),
  interruptAfterTimeLimit: 120_000,
  markInterruptAsFailure: true,
});

describe('fuzzing every endpoint in-process (Fastify inject, real routing, real SQLite)', () => {
  for (const t of TARGETS) {
    it(`${t.spec.name}: ${JSON_RUNS} generated JSON bodies and ${RAW_RUNS} raw bodies: documented status, error shape, no change when refused`, async () => {
      before = undefined;
      await fc.assert(
        fc.asyncProperty(jsonCaseArb(t), (c) => runCase(t, jsonWire(t, c), 'inject', 'jsonCases')),
        assertOptions(JSON_RUNS),
      );
      await fc.assert(
        fc.asyncProperty(rawCaseArb(t), (c) => runCase(t, rawWire(t, c), 'inject', 'rawCases')),
        assertOptions(RAW_RUNS),
      );
      const stats = perEndpoint[t.spec.name];
      expect(stats?.jsonCases).toBeGreaterThanOrEqual(JSON_RUNS);
    });
  }
});

describe('a sample over real HTTP (the same checks through the socket)', () => {
  it(`${HTTP_RUNS} JSON and ${HTTP_RUNS} raw cases per endpoint over HTTP`, async () => {
    before = undefined;
    for (const t of TARGETS) {
      await fc.assert(fc.asyncProperty(jsonCaseArb(t), (c) => runCase(t, jsonWire(t, c), 'http', 'httpCases')), assertOptions(HTTP_RUNS));
      await fc.assert(fc.asyncProperty(rawCaseArb(t), (c) => runCase(t, rawWire(t, c), 'http', 'httpCases')), assertOptions(HTTP_RUNS));
    }
    agent.destroy();
    // Still serving after all that.
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(200);
  });
});
