import http from 'node:http';
import type net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src-main/api/api-client';
import { RegistrationService } from '../../src-main/registration/registration-service';
import { MemoryStore } from '../../src-main/session/memory-store';
import { SessionManager } from '../../src-main/session/session-manager';
import { ContractErrorSchema, ERROR_MESSAGES, type ErrorCode, type Result } from '../../src-shared/contract';
import type { RegistrationForm, RegistrationUpdate } from '../../src-shared/registration/update';
import { DEMO_PASSWORD, serverForFile } from '../integration/server/harness';
import { bump, figures } from './support/summary';
import { JPEREZ_KEEP_EMAIL_UPDATE } from '../fixtures/jperez';
import { freePort as closedPort } from '../support/free-port';

/**
 * Issue #6, client faults in the main process (Node, no Electron): the ApiClient, the
 * SessionManager and the RegistrationService against a backend that is down, slower than the
 * timeout, cuts the connection, answers a proxy's HTML error page, or broken JSON. Every call
 * resolves to an error value with the Spanish message of its code (never a throw), a transient
 * fault does not end the session, and the process stays responsive: an interval timer keeps
 * ticking while dozens of calls hang.
 *
 * That the form keeps everything typed when this happens is covered end to end by
 * test/e2e/modificar-form.spec.ts, "with the backend stopped, Modificar shows a Spanish error and
 * every typed value stays".
 */

// Long enough that a refused connect or a cut connection is never mistaken for a timeout on a loaded 2-core machine.
const TIMEOUT_MS = 1_500;
const PARALLEL = 20;

const fig = figures('client-faults');
const perFault: Record<string, Record<string, number>> = {};
fig.details.perFault = perFault;

interface FakeBackend {
  url: string;
  close(): Promise<void>;
}

const PROXY_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>squid/5.7</p></body></html>';

async function fakeBackend(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<FakeBackend> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => respond(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Fault {
  name: string;
  /** The code every call must answer with. */
  code: ErrorCode;
  /** A 2xx whose body is not the contract: DELETE /sessions/current expects no body, so logout is ok. */
  answers2xx?: boolean;
  start(): Promise<FakeBackend>;
}

const FAULTS: Fault[] = [
  {
    name: 'backend down (nothing listens)',
    code: 'BACKEND_UNREACHABLE',
    start: async () => ({ url: `http://127.0.0.1:${await closedPort()}`, close: async () => {} }),
  },
  { name: 'connection cut before any answer', code: 'BACKEND_UNREACHABLE', start: () => fakeBackend((req) => req.socket.destroy()) },
  { name: 'slower than the timeout (never answers)', code: 'TIMEOUT', start: () => fakeBackend(() => {}) },
  {
    name: 'answers, but after the timeout',
    code: 'TIMEOUT',
    start: () => fakeBackend((_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), TIMEOUT_MS * 3)),
  },
  {
    name: 'headers, then the body stalls',
    code: 'TIMEOUT',
    start: () => fakeBackend((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"userId":"jperez",')),
  },
  { name: "a proxy's HTML error page (502)", code: 'SERVER_ERROR', start: () => fakeBackend((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end(PROXY_PAGE)) },
  { name: 'an HTML page with 200', code: 'BAD_RESPONSE', answers2xx: true, start: () => fakeBackend((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PROXY_PAGE)) },
  {
    name: 'broken JSON with 200',
    code: 'BAD_RESPONSE',
    answers2xx: true,
    start: () => fakeBackend((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"abc","expiresAt":')),
  },
  {
    name: 'broken JSON with 400',
    code: 'BAD_RESPONSE',
    start: () => fakeBackend((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"BAD_REQ')),
  },
];

const FORM: RegistrationForm = JPEREZ_KEEP_EMAIL_UPDATE;

/** A Spanish error value of `code`: the contract's shape and the code's own message. */
function expectSpanishError(res: Result<unknown>, code: ErrorCode, what: string): void {
  if (res.ok) expect.fail(`${what}: expected ${code}, got a success`);
  const error = ContractErrorSchema.parse(res.error);
  expect(error.code, what).toBe(code);
  expect(error.message, what).toBe(ERROR_MESSAGES[code]);
  expect(error.message, what).toMatch(/[áéíóúñ¿¡]|\b(el|la|de|no|con|los|un)\b/);
}

/** Ticks every 10 ms; reports the longest gap, i.e. how long the event loop was blocked. */
function heartbeat() {
  let last = performance.now();
  let maxGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      return { ticks, maxGapMs: Math.round(maxGap) };
    },
  };
}

const real = serverForFile();
afterAll(() => fig.save());

describe('client faults: every call an error value in Spanish, the process responsive', () => {
  for (const fault of FAULTS) {
    it(fault.name, async () => {
      const backend = await fault.start();
      const counts = (perFault[fault.name] = {} as Record<string, number>);
      try {
        // A session opened on the real backend, then the backend turns bad (same wiring as the app).
        let current = new ApiClient({ baseUrl: real.baseUrl, timeoutMs: 5_000 });
        const connection = { api: () => current, urlProblem: () => undefined };
        const store = new MemoryStore();
        let lastUser: string | undefined;
        const sessions = new SessionManager({ store, connection, lastUser: { get: () => lastUser, set: (u) => (lastUser = u) } });
        const registration = new RegistrationService(sessions);
        const login = await sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
        expect(login.ok).toBe(true);
        fig.requestsSent++;

        const faulty = new ApiClient({ baseUrl: backend.url, timeoutMs: TIMEOUT_MS });
        current = faulty;
        const token = (await store.get('jperez')) as string;

        const calls: [string, () => Promise<Result<unknown>>][] = [
          ['api.login', () => faulty.login({ userId: 'jperez', password: 'x' })],
          ['api.currentSession', () => faulty.currentSession(token)],
          ['api.logout', () => faulty.logout(token)],
          ['api.getRegistration', () => faulty.getRegistration(token)],
          ['api.verifyPassword', () => faulty.verifyPassword(token, 'x')],
          ['api.emailAvailability', () => faulty.emailAvailability(token, 'nuevo@example.com')],
          ['api.requestSecurityCode', () => faulty.requestSecurityCode(token, 'nuevo@example.com')],
          ['api.updateRegistration', () => faulty.updateRegistration(token, { ...FORM } as RegistrationUpdate)],
          ['api.deactivate', () => faulty.deactivate(token, 'Cambio de empresa y de cargo')],
          ['api.health', () => faulty.health()],
          ['sessions.resume', () => sessions.resume('jperez')],
          ['sessions.deactivate', () => sessions.deactivate('Cambio de empresa y de cargo')],
          ['registration.getRegistration', () => registration.getRegistration()],
          ['registration.verifyCurrentPassword', () => registration.verifyCurrentPassword('Aduana#2026')],
          ['registration.checkEmailAvailability', () => registration.checkEmailAvailability('nuevo@example.com')],
          ['registration.requestSecurityCode', () => registration.requestSecurityCode('nuevo@example.com')],
          ['registration.update', () => registration.update({ ...FORM })],
        ];

        // One call first, so loading and compiling the code paths is not counted as blocking.
        await faulty.health();
        const beat = heartbeat();
        const started = performance.now();
        // Each call a few times over, all at once: dozens of requests hanging together.
        const settled = await Promise.allSettled(
          Array.from({ length: Math.ceil(PARALLEL / 2) }, () => calls).flat().map(async ([name, fn]) => ({ name, res: await fn() })),
        );
        const elapsed = performance.now() - started;
        const { ticks, maxGapMs } = beat.stop();

        for (const s of settled) {
          // Never a throw: every promise fulfils with a value.
          if (s.status === 'rejected') expect.fail(`${fault.name}: a call threw ${String(s.reason)}`);
          const { name, res } = s.value;
          fig.requestsSent++;
          fig.faultsInjected++;
          bump(counts, res.ok ? 'ok' : res.error.code);
          if (name === 'api.logout' && fault.answers2xx) expect(res).toEqual({ ok: true, value: null });
          else expectSpanishError(res, fault.code, `${fault.name}: ${name}`);
        }
        // Responsive throughout: the timer kept ticking, never blocked for long.
        expect(maxGapMs, `${fault.name}: event loop blocked`).toBeLessThan(500);
        expect(ticks).toBeGreaterThan(0);
        // While requests hang, the timer keeps its pace (at least a quarter of its ticks).
        if (fault.code === 'TIMEOUT') expect(ticks).toBeGreaterThanOrEqual(Math.floor(TIMEOUT_MS / 10 / 4));
        // Timeouts end near the timeout, not after the backend's whims.
        if (fault.code === 'TIMEOUT') expect(elapsed).toBeLessThan(TIMEOUT_MS + 4_000);
        counts.maxEventLoopGapMs = maxGapMs;
        counts.ticks = ticks;
        counts.elapsedMs = Math.round(elapsed);

        // A transient fault does not end the session: with the backend back, the same session works.
        expect(sessions.currentUserId).toBe('jperez');
        current = new ApiClient({ baseUrl: real.baseUrl, timeoutMs: 5_000 });
        const again = await registration.getRegistration();
        fig.requestsSent++;
        expect(again.ok).toBe(true);

        // Logging out with the backend bad again still forgets the token here (an ok value, no throw).
        current = faulty;
        expect(await sessions.logout()).toEqual({ ok: true, value: null });
        fig.requestsSent++;
        fig.faultsInjected++;
        expect(await store.get('jperez')).toBeFalsy();
        expect(sessions.currentUserId).toBeNull();
      } finally {
        await backend.close();
      }
    });
  }
});
