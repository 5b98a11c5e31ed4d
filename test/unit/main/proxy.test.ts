import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { AuthInfo, ClientRequest } from 'electron';
import { ProxySettingsSchema } from '../../../src-shared/contract';
import { loadMachinePolicy, policyState } from '../../../src-main/policy/machine-policy';
import { refuseManagedChange } from '../../../src-main/policy/policy-guard';
import { toElectronProxyConfig } from '../../../src-main/proxy/proxy-config';
import { MAX_PROXY_LOGIN_ASKS, ProxyCredentials, type ProxyLoginReply, type ProxyLoginRequest } from '../../../src-main/proxy/proxy-credentials';
import { proxyLoginPage } from '../../../src-main/proxy/proxy-login-page';
import { netErrorToContract } from '../../../src-main/api/net-error-messages';
import { HttpStatusError, mapHttpFailure, TransportError } from '../../../src-main/api/error-mapping';
import { NetError, netRequestFetch, netRequestSend } from '../../../src-main/api/net-request-fetch';
import { ApiClient } from '../../../src-main/api/api-client';
import { MemoryStore } from '../../../src-main/session/memory-store';

const auth = (host = 'proxy.oficina.local', port = 8080): AuthInfo => ({ isProxy: true, scheme: 'basic', host, port, realm: 'Oficina' });
const quiet = { info: () => undefined, warn: () => undefined };

describe('proxy settings', () => {
  it.each([
    [{ mode: 'system' }],
    [{ mode: 'manual', server: 'proxy.empresa.local:8080' }],
    [{ mode: 'manual', server: 'http://10.0.0.2:3128', bypass: '*.empresa.local, <local>, 192.168.0.0/16' }],
    [{ mode: 'pac', pacUrl: 'http://wpad.empresa.local/proxy.pac' }],
  ])('accepts %j', (value) => expect(ProxySettingsSchema.safeParse(value).success).toBe(true));

  it.each([
    [{ mode: 'manual' }, 'server'],
    [{ mode: 'manual', server: 'proxy.empresa.local' }, 'server'],
    [{ mode: 'manual', server: 'proxy:99999' }, 'server'],
    [{ mode: 'manual', server: 'proxy:80', bypass: 'a b c' }, 'bypass'],
    [{ mode: 'pac', pacUrl: 'file:///etc/proxy.pac' }, 'pacUrl'],
    [{ mode: 'pac', pacUrl: 'http://user:pw@wpad/proxy.pac' }, 'pacUrl'],
    [{ mode: 'auto' }, 'mode'],
    [{ mode: 'system', password: 'x' }, ''],
  ])('refuses %j naming %s', (value, field) => {
    const parsed = ProxySettingsSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    if (field) expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('becomes Chromium proxy configuration', () => {
    expect(toElectronProxyConfig({ mode: 'system' })).toEqual({ mode: 'system' });
    expect(toElectronProxyConfig({ mode: 'manual', server: 'http://p:3128', bypass: ' a.local ,, <local>' })).toEqual({ mode: 'fixed_servers', proxyRules: 'p:3128', proxyBypassRules: 'a.local,<local>' });
    expect(toElectronProxyConfig({ mode: 'pac', pacUrl: 'http://w/p.pac' })).toEqual({ mode: 'pac_script', pacScript: 'http://w/p.pac' });
  });

  it('the machine policy fixes a valid proxy and refuses a bad one whole', () => {
    const ok = loadMachinePolicy(() => Buffer.from(JSON.stringify({ proxy: { mode: 'pac', pacUrl: 'https://ti.empresa.ec/proxy.pac' } })));
    expect(ok.status).toBe('applied');
    expect(policyState(ok).fixed).toEqual(['proxy']);
    expect(refuseManagedChange({ proxy: { mode: 'system' } }, policyState(ok))).toMatchObject({ code: 'MANAGED_BY_POLICY', fields: { proxy: 'Administrado por su organización' } });
    expect(loadMachinePolicy(() => Buffer.from(JSON.stringify({ proxy: { mode: 'manual' } }))).status).toBe('invalid');
    expect(loadMachinePolicy(() => Buffer.from(JSON.stringify({ proxy: { mode: 'system', user: 'x' } }))).status).toBe('invalid');
  });
});

describe('network errors in Spanish', () => {
  it.each([
    ['ERR_CERT_AUTHORITY_INVALID', /no es de confianza.*departamento de TI.*autoridad de certificación/s],
    ['ERR_CERT_DATE_INVALID', /vencido.*renueve/s],
    ['ERR_CERT_COMMON_NAME_INVALID', /no corresponde a la dirección srv\.ec:443/],
    ['ERR_CERT_REVOKED', /revocado/],
    ['ERR_CERT_SYMANTEC_LEGACY', /no es válido \(ERR_CERT_SYMANTEC_LEGACY\).*departamento de TI/],
    ['ERR_SSL_PROTOCOL_ERROR', /conexión segura/],
  ])('%s is CERTIFICATE_REFUSED naming the problem and what IT should do', (code, message) => {
    const e = netErrorToContract(code, 'srv.ec:443');
    expect(e?.code).toBe('CERTIFICATE_REFUSED');
    expect(e?.message).toMatch(message);
    expect(e?.message).toMatch(/departamento de TI/);
  });

  it('proxy failures point at the proxy; unknown codes fall back', () => {
    expect(netErrorToContract('ERR_PROXY_CONNECTION_FAILED', 'h')).toMatchObject({ code: 'BACKEND_UNREACHABLE', message: expect.stringMatching(/proxy/) });
    expect(netErrorToContract('ERR_PROXY_AUTH_CANCELLED', 'h')?.message).toMatch(/proxy de su red pidió usuario y contraseña/);
    expect(netErrorToContract('ERR_TIMED_OUT', 'h')?.code).toBe('TIMEOUT');
    expect(netErrorToContract('ERR_NAME_NOT_RESOLVED', 'h')).toBeNull();
  });

  it('mapHttpFailure reads the NetError behind a failed request, and a 407 response', () => {
    const wrapped = new TransportError(new NetError('ERR_CERT_DATE_INVALID', 'srv.ec'), false);
    expect(mapHttpFailure(wrapped).code).toBe('CERTIFICATE_REFUSED');
    const proxyAsks = new HttpStatusError(407, '<html>');
    expect(mapHttpFailure(proxyAsks)).toMatchObject({ code: 'BACKEND_UNREACHABLE', message: expect.stringMatching(/proxy/) });
    expect(mapHttpFailure(new TransportError(new DOMException('aborted', 'TimeoutError'), true)).code).toBe('TIMEOUT');
  });
});

describe('proxy credentials', () => {
  function setUp(replies: Array<ProxyLoginReply | null>) {
    const store = new MemoryStore();
    const asked: ProxyLoginRequest[] = [];
    const creds = new ProxyCredentials(async () => store, async (r) => {
      asked.push(r);
      return replies.shift() ?? null;
    }, quiet);
    return { store, asked, creds };
  }

  it('asks, retries with "refused", and remembers only what the proxy accepted', async () => {
    const { store, asked, creds } = setUp([{ username: 'u', password: 'mal', remember: true }, { username: 'u', password: 'bien', remember: true }]);
    const first = await creds.handler(auth(), 1);
    first?.settle?.(false);
    expect(await store.get('proxy.oficina.local:8080')).toBeNull();
    const second = await creds.handler(auth(), 2);
    second?.settle?.(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.map((a) => a.retry)).toEqual([false, true]);
    expect(JSON.parse((await store.get('proxy.oficina.local:8080'))!)).toEqual({ username: 'u', password: 'bien' });
    // Next time the remembered ones answer without asking.
    expect(await creds.handler(auth(), 1)).toMatchObject({ username: 'u', password: 'bien' });
    expect(asked).toHaveLength(2);
  });

  it('remembered credentials the proxy refuses are forgotten; cancel and the ask limit give up', async () => {
    const { store, creds } = setUp([null]);
    await store.set('proxy.oficina.local:8080', JSON.stringify({ username: 'u', password: 'vieja' }));
    (await creds.handler(auth(), 1))?.settle?.(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(await store.get('proxy.oficina.local:8080')).toBeNull();
    expect(await creds.handler(auth(), 2)).toBeNull();
    expect(await creds.handler(auth(), MAX_PROXY_LOGIN_ASKS + 1)).toBeNull();
  });

  it('requests waiting at the same time share one question', async () => {
    const { asked, creds } = setUp([{ username: 'u', password: 'p', remember: false }]);
    const [a, b] = await Promise.all([creds.handler(auth(), 1), creds.handler(auth(), 1)]);
    expect(asked).toHaveLength(1);
    expect(a?.password).toBe('p');
    expect(b?.password).toBe('p');
  });

  it('the login page escapes what the proxy says about itself and carries no script', () => {
    const html = proxyLoginPage({ proxy: 'p:1', realm: '<img src=x onerror=alert(1)>', retry: true });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('El proxy no aceptó el usuario o la contraseña');
  });
});

describe('netRequestFetch over a fake net.request', () => {
  class FakeRequest extends EventEmitter {
    headers: Record<string, string> = {};
    setHeader(n: string, v: string) {
      this.headers[n] = v;
    }
    abort() {}
    end() {
      // The proxy challenges again after each answer; once the handler gives up, Chromium fails the tunnel.
      const challenge = (n: number) =>
        this.emit('login', auth(), (user?: string) => {
          if (user) challenge(n + 1);
          else if (!user) this.emit('error', new Error('net::ERR_TUNNEL_CONNECTION_FAILED'));
        });
      setImmediate(() => challenge(1));
    }
  }

  it('answers each 407 through the handler with its attempt number; a cancel is reported as ERR_PROXY_AUTH_CANCELLED', async () => {
    const attempts: number[] = [];
    const fetchFn = netRequestFetch(() => new FakeRequest() as unknown as ClientRequest, async (_a, attempt) => {
      attempts.push(attempt);
      return attempt < 3 ? { username: 'u', password: 'p' } : null;
    });
    await expect(fetchFn('https://backend.test/health')).rejects.toMatchObject({ netCode: 'ERR_PROXY_AUTH_CANCELLED', host: 'backend.test' });
    expect(attempts).toEqual([1, 2, 3]);
  });

  /** A net.request that answers once: a response with `status`, `headers` and `body`, or a redirect. */
  class AnsweringRequest extends EventEmitter {
    static last: AnsweringRequest | null = null;
    headers: Record<string, string> = {};
    sent: string | undefined;
    constructor(private readonly answer: { status: number; body?: string; headers?: Record<string, string>; redirectTo?: string }) {
      super();
      AnsweringRequest.last = this;
    }
    setHeader(n: string, v: string) {
      this.headers[n] = v;
    }
    abort() {}
    end(body?: Buffer) {
      this.sent = body?.toString('utf8');
      setImmediate(() => {
        if (this.answer.redirectTo) return this.emit('redirect', this.answer.status, 'GET', this.answer.redirectTo);
        const res = new EventEmitter() as EventEmitter & { statusCode: number; statusMessage: string; headers: Record<string, string> };
        Object.assign(res, { statusCode: this.answer.status, statusMessage: '', headers: this.answer.headers ?? {} });
        this.emit('response', res);
        if (this.answer.body !== undefined) res.emit('data', Buffer.from(this.answer.body));
        res.emit('end');
      });
    }
  }
  const clientOver = (answer: ConstructorParameters<typeof AnsweringRequest>[0]) =>
    new ApiClient({ baseUrl: 'https://backend.test', send: netRequestSend(() => new AnsweringRequest(answer) as unknown as ClientRequest, async () => null) });

  it('the API client over net.request sends the token and the JSON body, and reads the answer without fetch objects', async () => {
    const ticket = { ticket: 't1', expiresAt: '2026-12-03T10:00:00.000Z' };
    const client = clientOver({ status: 200, body: JSON.stringify(ticket) });
    expect(await client.verifyPassword('tok', 'Aduana#2026')).toEqual({ ok: true, value: ticket });
    expect(AnsweringRequest.last?.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json', Accept: 'application/json' });
    expect(JSON.parse(AnsweringRequest.last!.sent!)).toEqual({ currentPassword: 'Aduana#2026' });
  });

  it('a redirect (a captive portal) is not followed: the call fails, as over fetch', async () => {
    const res = await clientOver({ status: 302, redirectTo: 'http://portal.test/login' }).health();
    expect(res.ok).toBe(false);
  });

  it('no answer within timeoutMs: the request is aborted and the client answers TIMEOUT', async () => {
    let aborted = 0;
    class SilentRequest extends EventEmitter {
      setHeader() {}
      abort() {
        aborted += 1;
      }
      end() {}
    }
    const client = new ApiClient({ baseUrl: 'https://backend.test', timeoutMs: 50, send: netRequestSend(() => new SilentRequest() as unknown as ClientRequest, async () => null) });
    const res = await client.getRegistration('tok');
    expect(res).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(aborted).toBe(1);
  });

  it('netRequestFetch builds a Response of the same answer, headers included', async () => {
    const fetchFn = netRequestFetch(() => new AnsweringRequest({ status: 201, body: 'hola', headers: { 'x-a': '1' } }) as unknown as ClientRequest, async () => null);
    const res = await fetchFn('https://backend.test/x', { method: 'POST', body: 'cuerpo', headers: { 'content-type': 'text/plain' } });
    expect([res.status, res.headers.get('x-a'), await res.text()]).toEqual([201, '1', 'hola']);
    expect(AnsweringRequest.last?.sent).toBe('cuerpo');
    expect(AnsweringRequest.last?.headers['content-type']).toBe('text/plain');
  });
});
