import { describe, expect, it } from 'vitest';
import { ProxySettingsSchema } from '../../../src-shared/contract';
import { loadMachinePolicy, policyState } from '../../../src-main/policy/machine-policy';
import { refuseManagedChange } from '../../../src-main/policy/policy-guard';
import { toElectronProxyConfig } from '../../../src-main/proxy/proxy-config';
import { MAX_PROXY_LOGIN_ASKS, ProxyCredentials, type ProxyLoginReply, type ProxyLoginRequest } from '../../../src-main/proxy/proxy-credentials';
import { proxyLoginPage } from '../../../src-main/proxy/proxy-login-page';
import { netErrorToContract } from '../../../src-main/api/net-error-messages';
import { MemoryStore } from '../../../src-main/session/memory-store';
import { proxyAuth as auth } from './support/fake-net-request';

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
