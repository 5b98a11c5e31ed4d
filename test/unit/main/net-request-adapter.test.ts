import { afterEach, describe, expect, it, vi } from 'vitest';
import axios, { AxiosError, AxiosHeaders } from '../../../src-main/api/axios';
import { ApiClient } from '../../../src-main/api/api-client';
import { netRequestAdapter, NetError, type ProxyLoginHandler } from '../../../src-main/api/net-request-adapter';
import { answering, fakeNet, json, proxyAuth, silent, type FakeClientRequest } from './support/fake-net-request';

const noLogin: ProxyLoginHandler = async () => null;

/** An axios instance on the adapter over a fake net.request that follows `script`. */
function over(
  script: (req: FakeClientRequest) => void | Promise<void>,
  onProxyLogin = noLogin,
  runtime: { timeoutMechanism: 'timer' | 'abort-signal' } = { timeoutMechanism: 'timer' },
) {
  const net = fakeNet(script);
  const http = axios.create({ baseURL: 'https://backend.test', adapter: netRequestAdapter(net.request, onProxyLogin, runtime) });
  return { http, sent: net.sent };
}

/** What a promise rejected with (fails the test when it fulfilled). */
async function rejection(promise: Promise<unknown>): Promise<AxiosError> {
  try {
    await promise;
  } catch (err) {
    return err as AxiosError;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the net.request adapter: request config → net.request → AxiosResponse', () => {
  it('sends the method, the full URL, the headers and the body; redirects are left to it (manual)', async () => {
    const { http, sent } = over(answering({ status: 204 }));
    await http.put('/api/v1/general-user/registration', { phone1: '022345678' }, { headers: { Authorization: 'Bearer tok' } });
    const [req] = sent;
    expect(req?.options).toMatchObject({ method: 'PUT', url: 'https://backend.test/api/v1/general-user/registration', redirect: 'manual' });
    expect(req?.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
    expect(JSON.parse(req!.body!.toString('utf8'))).toEqual({ phone1: '022345678' });
  });

  it('answers the status, status text, headers as AxiosHeaders (a repeated header as a list) and the body', async () => {
    const { http } = over(
      answering({
        status: 201,
        statusMessage: 'Created',
        headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-request-id': 'r-1' },
        chunks: ['{"userId":', '"jperez"}'],
      }),
    );
    const res = await http.post('/api/v1/sessions', {});
    expect([res.status, res.statusText]).toEqual([201, 'Created']);
    expect(res.headers).toBeInstanceOf(AxiosHeaders);
    expect(res.headers['x-request-id']).toBe('r-1');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    // Two chunks, one body.
    expect(res.data).toEqual({ userId: 'jperez' });
  });

  it('gives the body as bytes with responseType arraybuffer, every byte as it came', async () => {
    const bytes = Buffer.from([0xc3, 0xb1, 0x00, 0xff]);
    const { http } = over(answering({ status: 200, chunks: [bytes.subarray(0, 1), bytes.subarray(1)] }));
    const res = await http.get('/file', { responseType: 'arraybuffer' });
    expect(Buffer.compare(res.data as Buffer, bytes)).toBe(0);
  });

  it('a status outside 2xx is refused by axios with the response kept (ERR_BAD_REQUEST / ERR_BAD_RESPONSE)', async () => {
    const bad = await rejection(over(answering(json(422, { error: { code: 'VALIDATION_FAILED', message: 'x' } }))).http.get('/x'));
    expect(bad).toMatchObject({ code: AxiosError.ERR_BAD_REQUEST, response: { status: 422, data: { error: { code: 'VALIDATION_FAILED' } } } });
    const down = await rejection(over(answering({ status: 503, chunks: ['<html>'] })).http.get('/x'));
    expect(down).toMatchObject({ code: AxiosError.ERR_BAD_RESPONSE, response: { status: 503, data: '<html>' } });
  });

  it('a redirect is not followed: the request is stopped and the 3xx is the answer', async () => {
    const { http, sent } = over((req) => req.redirect(302, 'http://portal.test/login', { 'set-cookie': ['p=1'] }));
    const err = await rejection(http.get('/api/v1/general-user/registration'));
    expect(err.response?.status).toBe(302);
    expect(err.response?.headers.location).toBe('http://portal.test/login');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.aborted).toBe(1);
  });

  it('Electron 25 (timer): no answer within the timeout: the request is aborted, ECONNABORTED (ETIMEDOUT when clarified)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const signalTimeout = vi.spyOn(AbortSignal, 'timeout');
    const { http, sent } = over(silent);
    const pending = rejection(http.get('/x', { timeout: 15_000 }));
    const clarified = rejection(http.get('/x', { timeout: 15_000, transitional: { clarifyTimeoutError: true } }));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(sent.map((r) => r.aborted)).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ code: AxiosError.ECONNABORTED, message: 'timeout of 15000ms exceeded' });
    expect((await clarified).code).toBe(AxiosError.ETIMEDOUT);
    expect(sent.map((r) => r.aborted)).toEqual([1, 1]);
    // The Electron 25 path never creates an AbortSignal.timeout() (Node 18's shutdown spins over it).
    expect(signalTimeout).not.toHaveBeenCalled();
    signalTimeout.mockRestore();
  });

  it('modern runtime (abort-signal): the timeout is an AbortSignal.timeout(), same errors, no timer left behind', async () => {
    const signalTimeout = vi.spyOn(AbortSignal, 'timeout');
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const { http, sent } = over(silent, noLogin, { timeoutMechanism: 'abort-signal' });
    const pending = rejection(http.get('/x', { timeout: 40 }));
    const clarified = rejection(http.get('/x', { timeout: 40, transitional: { clarifyTimeoutError: true } }));
    expect(await pending).toMatchObject({ code: AxiosError.ECONNABORTED, message: 'timeout of 40ms exceeded' });
    expect((await clarified).code).toBe(AxiosError.ETIMEDOUT);
    expect(sent.map((r) => r.aborted)).toEqual([1, 1]);
    expect(signalTimeout).toHaveBeenCalledWith(40);
    expect(setTimer.mock.calls.some(([, ms]) => ms === 40)).toBe(false);
    // An answer in time wins: the signal firing later changes nothing.
    const quick = over(answering(json(200, { ok: true })), noLogin, { timeoutMechanism: 'abort-signal' });
    expect((await quick.http.get('/y', { timeout: 30 })).data).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 60));
    expect(quick.sent[0]?.aborted).toBe(0);
    signalTimeout.mockRestore();
    setTimer.mockRestore();
  });

  it('a signal aborts the request (ERR_CANCELED), and an aborted signal sends nothing', async () => {
    const { http, sent } = over(silent);
    const controller = new AbortController();
    const pending = rejection(http.get('/x', { signal: controller.signal }));
    await new Promise((r) => setImmediate(r));
    controller.abort();
    expect((await pending).code).toBe(AxiosError.ERR_CANCELED);
    expect(sent[0]?.aborted).toBe(1);
    expect((await rejection(http.get('/y', { signal: controller.signal }))).code).toBe(AxiosError.ERR_CANCELED);
    expect(sent).toHaveLength(1);
  });

  it("keeps Chromium's net::ERR_* code and the host as a NetError behind ERR_NETWORK", async () => {
    const err = await rejection(over((req) => req.fail('net::ERR_CERT_AUTHORITY_INVALID')).http.get('/health'));
    expect(err.code).toBe(AxiosError.ERR_NETWORK);
    expect(err.cause).toBeInstanceOf(NetError);
    expect(err.cause).toMatchObject({ netCode: 'ERR_CERT_AUTHORITY_INVALID', host: 'backend.test' });
  });

  it('refuses params rather than dropping them (the API client puts everything in the path or body)', async () => {
    const { http, sent } = over(answering({ status: 200 }));
    expect((await rejection(http.get('/x', { params: { a: 1 } }))).code).toBe(AxiosError.ERR_BAD_OPTION);
    expect(sent).toHaveLength(0);
  });
});

describe('the net.request adapter and a proxy that asks for credentials (407)', () => {
  /** The proxy asks again after every answer and lets the request through after `acceptAfter` answers. */
  const proxy = (acceptAfter: number) => async (req: FakeClientRequest) => {
    for (let i = 0; ; i++) {
      const { username } = await req.challenge();
      if (!username) return req.fail('net::ERR_TUNNEL_CONNECTION_FAILED');
      if (i + 1 >= acceptAfter) return req.respond(json(200, { status: 'ok' }));
    }
  };

  it('asks the login handler with the attempt number, retries with its answer, and settles it accepted', async () => {
    const settled: Array<[string, boolean]> = [];
    const asked: number[] = [];
    const { http } = over(proxy(2), async (authInfo, attempt) => {
      expect(authInfo).toMatchObject({ isProxy: true, host: 'proxy.oficina.local', port: 8080 });
      asked.push(attempt);
      const password = attempt === 1 ? 'mal' : 'bien';
      return { username: 'u', password, settle: (accepted) => settled.push([password, accepted]) };
    });
    expect((await http.get('/health')).data).toEqual({ status: 'ok' });
    expect(asked).toEqual([1, 2]);
    // The refused answer is settled refused when the proxy asks again; the accepted one once the request got past it.
    expect(settled).toEqual([
      ['mal', false],
      ['bien', true],
    ]);
  });

  it('a cancelled login fails as ERR_PROXY_AUTH_CANCELLED (not the tunnel error Chromium reports), settled refused', async () => {
    const settled: boolean[] = [];
    const { http } = over(proxy(99), async (_a, attempt) => (attempt < 3 ? { username: 'u', password: 'p', settle: (ok) => settled.push(ok) } : null));
    const err = await rejection(http.get('/health'));
    expect(err.cause).toMatchObject({ netCode: 'ERR_PROXY_AUTH_CANCELLED', host: 'backend.test' });
    expect(settled).toEqual([false, false]);
  });

  it("a proxy's 407 that comes back as a response (no login accepted) is settled refused", async () => {
    const settled: boolean[] = [];
    const { http } = over(
      async (req) => {
        await req.challenge();
        req.respond({ status: 407, chunks: ['<html>Proxy</html>'] });
      },
      async () => ({ username: 'u', password: 'p', settle: (ok) => settled.push(ok) }),
    );
    expect((await rejection(http.get('/health'))).response?.status).toBe(407);
    expect(settled).toEqual([false]);
  });

  it("a server's own HTTP authentication is never answered with the proxy's credentials", async () => {
    const handler = vi.fn(noLogin);
    let answered: { username?: string } = {};
    const { http } = over(async (req) => {
      answered = await req.challenge({ ...proxyAuth('backend.test', 443), isProxy: false });
      req.respond({ status: 401 });
    }, handler);
    await rejection(http.get('/x'));
    expect(handler).not.toHaveBeenCalled();
    expect(answered.username).toBeUndefined();
  });
});

describe('the API client over the adapter: certificate and network failures in Spanish', () => {
  const clientOver = (script: (req: FakeClientRequest) => void) => new ApiClient({ baseUrl: 'https://ecuapass.miagencia.ec', adapter: netRequestAdapter(fakeNet(script).request, noLogin) });

  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'CERTIFICATE_REFUSED', /El certificado del servidor ecuapass\.miagencia\.ec no es de confianza.*departamento de TI/s],
    ['net::ERR_CERT_DATE_INVALID', 'CERTIFICATE_REFUSED', /vencido/],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'CERTIFICATE_REFUSED', /no corresponde a la dirección ecuapass\.miagencia\.ec/],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'BACKEND_UNREACHABLE', /servidor proxy configurado/],
    ['net::ERR_CONNECTION_TIMED_OUT', 'TIMEOUT', /no respondió a tiempo/],
    ['net::ERR_CONNECTION_REFUSED', 'BACKEND_UNREACHABLE', /No se pudo conectar con el servidor de Ecuapass/],
  ])('%s → %s', async (failure, code, message) => {
    const res = await clientOver((req) => req.fail(failure)).getRegistration('tok');
    expect(res).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  });
});
