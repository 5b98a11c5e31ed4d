import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AxiosAdapter } from 'axios';
import { ApiClient, nodeFetchAdapter } from '../../../src-main/api/api-client';
import { ERROR_MESSAGES, type ContractError, type ErrorCode, type Result } from '../../../src-shared/contract';
import type { RegistrationUpdate } from '../../../src-shared/registration/update';
import { JPEREZ_KEEP_EMAIL_UPDATE, JPEREZ_REGISTRATION } from '../../fixtures/jperez';
import { freePort as closedPort } from '../../support/free-port';

/**
 * The main process talks to the backend through axios (its adapter on Electron's net.request in the
 * app, axios's fetch adapter here) with timeouts, and every failure on the way (backend down, too
 * slow, an HTML page from a proxy, a body that is not the contract's) comes back as an error value
 * with a Spanish message, never as an exception (docs/architecture.md, HTTP API).
 */

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface FakeServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

type Respond = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A real HTTP server on 127.0.0.1, port 0, that answers as told and records every request. */
async function fakeBackend(respond: Respond): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      respond(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const fake: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(fake);
  return fake;
}

const send = (status: number, contentType: string | null, body: string, headers: Record<string, string> = {}): Respond =>
  (_req, res) => {
    res.writeHead(status, { ...(contentType ? { 'content-type': contentType } : {}), ...headers });
    res.end(body);
  };
const sendJson = (status: number, value: unknown) => send(status, 'application/json; charset=utf-8', JSON.stringify(value));

const PROXY_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>squid/5.7</p></body></html>';
const PROXY_AUTH_PAGE =
  '<html><head><title>407 Proxy Authentication Required</title></head><body>Autenticación del proxy requerida</body></html>';
const LOGIN_PAGE = '<html><body><form action="/login">Portal cautivo: acepte las condiciones</form></body></html>';

const TOKEN = 'tok-3f2a9c-secreto';
const DEVICE_TOKEN = `v1.${'a'.repeat(22)}.1900000000.${'b'.repeat(43)}`;
const REGISTRATION = JPEREZ_REGISTRATION;
const UPDATE: RegistrationUpdate = JPEREZ_KEEP_EMAIL_UPDATE;

/** The error a failed result carries; fails the test when the call succeeded. */
function errorOf<T>(res: Result<T>): ContractError {
  if (res.ok) throw new Error(`expected an error, got ${JSON.stringify(res.value)}`);
  return res.error;
}

/** The client's own error for `code`: exactly that code and the Spanish message of ERROR_MESSAGES. */
function expectClientError<T>(res: Result<T>, code: ErrorCode) {
  const error = errorOf(res);
  expect(error).toEqual({ code, message: ERROR_MESSAGES[code] });
  expect(error.message.trim().length).toBeGreaterThan(10);
  expect(error.message).toMatch(/\b(el|la|de|no|con|los|un)\b/);
}

// Both ways the client gets its adapter: the default (axios's fetch adapter, outside Electron), or an
// adapter function injected the way the Electron main process injects its net.request adapter.
const injected = nodeFetchAdapter();
describe.each([
  ['the default adapter', undefined],
  ['an injected adapter', ((config) => injected(config)) as AxiosAdapter],
])('ApiClient with %s', (_name, adapter) => {
  const client = (baseUrl: string, timeoutMs = 2_000) => new ApiClient({ baseUrl, timeoutMs, ...(adapter ? { adapter } : {}) });

  describe('what it sends', () => {
    it('an authenticated call carries Authorization: Bearer <token> and asks for JSON', async () => {
      const backend = await fakeBackend(sendJson(200, REGISTRATION));
      const res = await client(backend.url).getRegistration(TOKEN);
      expect(res).toEqual({ ok: true, value: REGISTRATION });
      expect(backend.requests).toHaveLength(1);
      const [req] = backend.requests;
      expect(req).toMatchObject({ method: 'GET', url: '/api/v1/general-user/registration' });
      expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(req?.headers.accept).toMatch(/application\/json/);
    });

    it('a body is sent as JSON with Content-Type: application/json, and the token too', async () => {
      const backend = await fakeBackend(sendJson(200, REGISTRATION));
      await client(backend.url).updateRegistration(TOKEN, UPDATE);
      const [req] = backend.requests;
      expect(req).toMatchObject({ method: 'PUT', url: '/api/v1/general-user/registration' });
      expect(req?.headers['content-type']).toMatch(/^application\/json\b/);
      expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.parse(req?.body ?? '')).toEqual(UPDATE);
    });

    it('login sends the credentials as JSON and no Authorization header; the device token only when the device holds one', async () => {
      const login = { token: TOKEN, expiresAt: '2026-05-01T12:00:00.000Z', user: { userId: 'jperez', name: 'Juan' }, passwordChangeRequired: false, deviceToken: DEVICE_TOKEN };
      const backend = await fakeBackend(sendJson(201, login));
      const res = await client(backend.url).login({ userId: 'jperez', password: 'Aduana#2026' });
      expect(res).toEqual({ ok: true, value: login });
      expect((await client(backend.url).login({ userId: 'jperez', password: 'Aduana#2026' }, DEVICE_TOKEN)).ok).toBe(true);
      const [req, withToken] = backend.requests;
      expect(req).toMatchObject({ method: 'POST', url: '/api/v1/sessions' });
      expect(req?.headers['content-type']).toMatch(/^application\/json\b/);
      expect(req?.headers.authorization).toBeUndefined();
      expect(req?.headers['x-ecuapass-device-token']).toBeUndefined();
      expect(JSON.parse(req?.body ?? '')).toEqual({ userId: 'jperez', password: 'Aduana#2026' });
      expect(withToken?.headers['x-ecuapass-device-token']).toBe(DEVICE_TOKEN);
      expect(withToken?.headers.authorization).toBeUndefined();
    });

    it('logout: DELETE /sessions/current with the token; 204 is a success', async () => {
      const backend = await fakeBackend(send(204, null, ''));
      expect(await client(backend.url).logout(TOKEN)).toEqual({ ok: true, value: null });
      expect(backend.requests[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/sessions/current' });
      expect(backend.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it('health is asked at /health, outside /api/v1, without a token', async () => {
      const backend = await fakeBackend(sendJson(200, { status: 'ok' }));
      expect(await client(backend.url).health()).toEqual({ ok: true, value: { status: 'ok' } });
      expect(backend.requests[0]).toMatchObject({ method: 'GET', url: '/health' });
      expect(backend.requests[0]?.headers.authorization).toBeUndefined();
    });
  });

  describe('the backend cannot be reached', () => {
    it('nothing listens on the port → BACKEND_UNREACHABLE', async () => {
      const port = await closedPort();
      expectClientError(await client(`http://127.0.0.1:${port}`).getRegistration(TOKEN), 'BACKEND_UNREACHABLE');
      expectClientError(await client(`http://127.0.0.1:${port}`).login({ userId: 'jperez', password: 'x' }), 'BACKEND_UNREACHABLE');
    });

    it('the connection is cut before any answer → BACKEND_UNREACHABLE', async () => {
      const backend = await fakeBackend((req) => req.socket.destroy());
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BACKEND_UNREACHABLE');
    });

    it('something that does not speak HTTP answers on the port → BACKEND_UNREACHABLE', async () => {
      const sockets = new Set<net.Socket>();
      const raw = net.createServer((socket) => {
        sockets.add(socket);
        socket.end('SSH-2.0-OpenSSH_9.2\r\n');
      });
      await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = raw.address() as net.AddressInfo;
        expectClientError(await client(`http://127.0.0.1:${port}`).getRegistration(TOKEN), 'BACKEND_UNREACHABLE');
      } finally {
        sockets.forEach((s) => s.destroy());
        await new Promise<void>((resolve) => raw.close(() => resolve()));
      }
    });
  });

  describe('the backend is too slow', () => {
    it('no answer within timeoutMs → TIMEOUT, soon after the timeout', async () => {
      const backend = await fakeBackend(() => {
        /* never answers */
      });
      const started = Date.now();
      const res = await client(backend.url, 300).getRegistration(TOKEN);
      const elapsed = Date.now() - started;
      expectClientError(res, 'TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(3_000);
    });

    it('headers arrive but the body never ends → TIMEOUT', async () => {
      const backend = await fakeBackend((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"userId":"jperez",');
      });
      expectClientError(await client(backend.url, 300).getRegistration(TOKEN), 'TIMEOUT');
    });
  });

  describe('the answer is a server error', () => {
    it.each([500, 502, 503, 504])('%i with an HTML page → SERVER_ERROR', async (status) => {
      const backend = await fakeBackend(send(status, 'text/html; charset=utf-8', PROXY_ERROR_PAGE));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'SERVER_ERROR');
    });

    it('500 without a body → SERVER_ERROR', async () => {
      const backend = await fakeBackend(send(500, null, ''));
      expectClientError(await client(backend.url).logout(TOKEN), 'SERVER_ERROR');
    });

    it("500 with the contract's error body → that code and message passed through", async () => {
      const body = { error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
      const backend = await fakeBackend(sendJson(500, body));
      expect(errorOf(await client(backend.url).getRegistration(TOKEN))).toEqual(body.error);
    });
  });

  describe('a 2xx whose body is not the contract → BAD_RESPONSE', () => {
    it('200 with an HTML proxy error page', async () => {
      const backend = await fakeBackend(send(200, 'text/html', PROXY_ERROR_PAGE));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
    });

    it('200 with a captive portal page on login', async () => {
      const backend = await fakeBackend(send(200, 'text/html', LOGIN_PAGE));
      expectClientError(await client(backend.url).login({ userId: 'jperez', password: 'x' }), 'BAD_RESPONSE');
    });

    it('200 with broken JSON', async () => {
      const backend = await fakeBackend(send(200, 'application/json', '{"userId":"jperez","name":'));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
    });

    it('200 with an empty body where a value is expected', async () => {
      const backend = await fakeBackend(send(200, 'application/json', ''));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
    });

    it.each([
      ['a registration without its version', { ...REGISTRATION, version: undefined }],
      ['a registration with an unknown carrier', { ...REGISTRATION, mobile: { carrier: 'ENTEL', number: '0991234567' } }],
      ['an array', [REGISTRATION]],
      ['null', null],
      ['a JSON string', 'ok'],
    ])('200 with JSON of the wrong shape: %s', async (_what, value) => {
      const backend = await fakeBackend(sendJson(200, value));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
    });

    it('201 login without a token', async () => {
      const backend = await fakeBackend(sendJson(201, { expiresAt: '2026-05-01T12:00:00.000Z', user: { userId: 'jperez', name: 'J' } }));
      expectClientError(await client(backend.url).login({ userId: 'jperez', password: 'x' }), 'BAD_RESPONSE');
    });

    it('health answered by something else than the backend', async () => {
      const backend = await fakeBackend(sendJson(200, { status: 'up' }));
      expectClientError(await client(backend.url).health(), 'BAD_RESPONSE');
    });
  });

  describe("a 4xx with the contract's error body: the backend's code, Spanish message and fields pass through", () => {
    it.each([
      [401, { code: 'INVALID_CREDENTIALS', message: ERROR_MESSAGES.INVALID_CREDENTIALS }],
      [423, { code: 'ACCOUNT_LOCKED', message: ERROR_MESSAGES.ACCOUNT_LOCKED }],
      [409, { code: 'VERSION_CONFLICT', message: ERROR_MESSAGES.VERSION_CONFLICT }],
      [429, { code: 'RATE_LIMITED', message: 'Demasiados intentos. Espere 15 minutos.' }],
      [
        422,
        {
          code: 'VALIDATION_FAILED',
          message: ERROR_MESSAGES.VALIDATION_FAILED,
          fields: { phone1: 'En Ecuador el teléfono tiene 9 dígitos.', 'mobile.number': 'Celular no válido.' },
        },
      ],
    ])('%i %j', async (status, error) => {
      const backend = await fakeBackend(sendJson(status, { error }));
      expect(errorOf(await client(backend.url).updateRegistration(TOKEN, UPDATE))).toEqual(error);
    });

    it('a code the contract does not know is not passed through → BAD_RESPONSE', async () => {
      const backend = await fakeBackend(sendJson(400, { error: { code: 'SOMETHING_NEW', message: 'Algo nuevo.' } }));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
    });

    it('a contract error with an empty message gets the Spanish message of its code', async () => {
      const backend = await fakeBackend(sendJson(403, { error: { code: 'ACCOUNT_DEACTIVATED', message: '' } }));
      expectClientError(await client(backend.url).login({ userId: 'jperez', password: 'x' }), 'ACCOUNT_DEACTIVATED');
    });
  });

  describe('a 4xx without the contract body', () => {
    it('401 without a body → UNAUTHENTICATED', async () => {
      const backend = await fakeBackend(send(401, null, ''));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'UNAUTHENTICATED');
    });

    it('401 with an HTML page → UNAUTHENTICATED', async () => {
      const backend = await fakeBackend(send(401, 'text/html', '<h1>401 Unauthorized</h1>'));
      expectClientError(await client(backend.url).currentSession(TOKEN), 'UNAUTHENTICATED');
    });

    // The Fetch standard turns a 407 into a network error (undici does; the page never reaches
    // the client; Chromium too, from anything but the proxy), so the client cannot tell it from an
    // unreachable backend. The answer still tells the user what to check: the proxy configuration.
    it('407 proxy authentication page (HTML) → BACKEND_UNREACHABLE, whose message points at the proxy', async () => {
      const backend = await fakeBackend(
        send(407, 'text/html', PROXY_AUTH_PAGE, { 'proxy-authenticate': 'Basic realm="proxy"' }),
      );
      const res = await client(backend.url).getRegistration(TOKEN);
      expectClientError(res, 'BACKEND_UNREACHABLE');
      expect(errorOf(res).message).toMatch(/proxy/);
      expect(backend.requests).toHaveLength(1);
    });

    it.each([400, 403, 404, 413, 429])('%i with an HTML page → BAD_RESPONSE', async (status) => {
      const backend = await fakeBackend(send(status, 'text/html', '<html><body>Acceso denegado</body></html>'));
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
    });
  });

  describe('redirects are not followed: the token must never reach another origin', () => {
    it.each([301, 302, 303, 307, 308])('%i to another origin → BAD_RESPONSE, and the other origin receives nothing', async (status) => {
      const elsewhere = await fakeBackend(sendJson(200, REGISTRATION));
      const backend = await fakeBackend(
        send(status, 'text/html', '<a href="x">Moved</a>', { location: `${elsewhere.url}/api/v1/general-user/registration` }),
      );
      const api = client(backend.url);

      expectClientError(await api.getRegistration(TOKEN), 'BAD_RESPONSE');
      expectClientError(await api.updateRegistration(TOKEN, UPDATE), 'BAD_RESPONSE');

      expect(backend.requests).toHaveLength(2);
      expect(elsewhere.requests).toEqual([]);
    });

    it('a redirect on the same origin is not followed either (one request, BAD_RESPONSE)', async () => {
      const backend = await fakeBackend((req, res) => {
        if (req.url === '/api/v1/general-user/registration') {
          res.writeHead(302, { location: '/other' });
          res.end();
        } else {
          sendJson(200, REGISTRATION)(req, res, '');
        }
      });
      expectClientError(await client(backend.url).getRegistration(TOKEN), 'BAD_RESPONSE');
      expect(backend.requests.map((r) => r.url)).toEqual(['/api/v1/general-user/registration']);
    });

    it('a login redirected elsewhere does not send the password there', async () => {
      const elsewhere = await fakeBackend(sendJson(201, {}));
      const backend = await fakeBackend(send(307, null, '', { location: `${elsewhere.url}/api/v1/sessions` }));
      expectClientError(await client(backend.url).login({ userId: 'jperez', password: 'Aduana#2026' }), 'BAD_RESPONSE');
      expect(elsewhere.requests).toEqual([]);
    });
  });

  it('no failure is ever thrown: every call answers a value', async () => {
    const port = await closedPort();
    const api = client(`http://127.0.0.1:${port}`, 300);
    const calls: Promise<Result<unknown>>[] = [
      api.login({ userId: 'jperez', password: 'x' }),
      api.currentSession(TOKEN),
      api.logout(TOKEN),
      api.getRegistration(TOKEN),
      api.verifyPassword(TOKEN, 'x'),
      api.emailAvailability(TOKEN, 'a@b.ec'),
      api.requestSecurityCode(TOKEN, 'a@b.ec'),
      api.updateRegistration(TOKEN, UPDATE),
      api.deactivate(TOKEN, 'Cambio de empresa y de cargo'),
      api.health(),
    ];
    const results = await Promise.allSettled(calls);
    for (const r of results) {
      expect(r.status).toBe('fulfilled');
      if (r.status === 'fulfilled') expectClientError(r.value, 'BACKEND_UNREACHABLE');
    }
  });
});
