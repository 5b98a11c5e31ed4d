import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../src-main/api/api-client';
import { BackendConnection } from '../../../src-main/api/backend-connection';
import { checkBackendUrl, resolveBackendUrl, SANDBOX_BACKEND_URL } from '../../../src-main/api/backend-url';
import { ERROR_MESSAGES } from '../../../src-shared/contract';

/**
 * docs/architecture.md §7: the desktop app reads the backend URL from ECUAPASS_API_URL, else from its settings,
 * else the sandbox default; plain http is refused except to loopback (a token sent in clear over an
 * office network could be read by anyone on it).
 */

describe('checkBackendUrl: https anywhere, plain http only to this machine', () => {
  const HTTPS = [
    ['https://ecuapass.aduana.gob.ec', 'https://ecuapass.aduana.gob.ec'],
    ['https://ecuapass.aduana.gob.ec:8443', 'https://ecuapass.aduana.gob.ec:8443'],
    ['https://192.168.1.10', 'https://192.168.1.10'],
    ['https://proxy.empresa.local/ecuapass', 'https://proxy.empresa.local/ecuapass'],
    ['  https://ecuapass.aduana.gob.ec  ', 'https://ecuapass.aduana.gob.ec'],
    ['HTTPS://ECUAPASS.ADUANA.GOB.EC', 'https://ecuapass.aduana.gob.ec'],
  ] as const;
  // Loopback: nothing leaves this machine.
  const LOOPBACK = [
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1', 'http://127.0.0.1'],
    ['http://127.45.3.2:8080', 'http://127.45.3.2:8080'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://LOCALHOST:4010', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ] as const;
  it.each([...HTTPS, ...LOOPBACK])('%j is accepted as %j', (raw, url) => {
    expect(checkBackendUrl(raw)).toEqual({ ok: true, url });
  });
});

describe('checkBackendUrl: refusals, each with its reason', () => {
  // Plain http to another machine: a token sent in clear over the office network.
  const INSECURE = [
    'http://192.168.1.10',
    'http://192.168.1.10:4010',
    'http://10.0.0.5',
    'http://ecuapass.aduana.gob.ec',
    'http://127.0.0.1.evil.com',
    'http://localhost.evil.com',
    'http://evil.com/127.0.0.1',
    'http://[::2]:4010',
    'http://0.0.0.0:4010',
  ];
  // Anything else is not a backend URL.
  const INVALID = [
    'ftp://ecuapass.aduana.gob.ec',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'ws://127.0.0.1:4010',
    'ecuapass.aduana.gob.ec',
    'not a url',
    '',
    '   ',
    'https://',
    'https://exa mple.com',
    'https://usuario:clave@ecuapass.aduana.gob.ec',
    'https://usuario@ecuapass.aduana.gob.ec',
    'http://admin:admin@127.0.0.1:4010',
    'https://ecuapass.aduana.gob.ec/?token=abc',
    'https://ecuapass.aduana.gob.ec/#inicio',
    // An empty query or fragment is still one: appending /api/v1 to it would build a broken URL.
    'https://ecuapass.aduana.gob.ec/?',
    'https://ecuapass.aduana.gob.ec/#',
  ];
  it.each([...INSECURE.map((raw) => [raw, 'insecure'] as const), ...INVALID.map((raw) => [raw, 'invalid'] as const)])('%j is refused as %s', (raw, reason) => {
    expect(checkBackendUrl(raw)).toEqual({ ok: false, reason });
  });
});

describe('checkBackendUrl: the trailing slash is removed, so API paths can be appended', () => {
  it.each([
    ['https://ecuapass.aduana.gob.ec/', 'https://ecuapass.aduana.gob.ec'],
    ['https://ecuapass.aduana.gob.ec//', 'https://ecuapass.aduana.gob.ec'],
    ['https://proxy.empresa.local/ecuapass/', 'https://proxy.empresa.local/ecuapass'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
  ])('%j → %j', (raw, url) => {
    const check = checkBackendUrl(raw);
    expect(check).toEqual({ ok: true, url });
    if (check.ok) expect(`${check.url}/api/v1`).not.toMatch(/\/\/api/);
  });
});

describe('resolveBackendUrl: env wins over saved, saved over default', () => {
  const ENV = 'https://env.example.ec';
  const SAVED = 'https://saved.example.ec';

  it('the environment variable wins over the saved setting', () => {
    expect(resolveBackendUrl(ENV, SAVED)).toEqual({ ok: true, url: ENV });
  });

  it('the saved setting is used when the environment variable is unset or blank', () => {
    expect(resolveBackendUrl(undefined, SAVED)).toEqual({ ok: true, url: SAVED });
    expect(resolveBackendUrl('', SAVED)).toEqual({ ok: true, url: SAVED });
    expect(resolveBackendUrl('   ', SAVED)).toEqual({ ok: true, url: SAVED });
  });

  it('the sandbox default is used when neither is set', () => {
    expect(SANDBOX_BACKEND_URL).toBe('http://127.0.0.1:4010');
    expect(resolveBackendUrl(undefined, undefined)).toEqual({ ok: true, url: SANDBOX_BACKEND_URL });
    expect(resolveBackendUrl('', '  ')).toEqual({ ok: true, url: SANDBOX_BACKEND_URL });
  });

  it('a bad environment variable is reported, never silently replaced by the saved URL', () => {
    expect(resolveBackendUrl('http://192.168.1.10', SAVED)).toEqual({ ok: false, reason: 'insecure' });
    expect(resolveBackendUrl('ftp://x', SAVED)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a bad saved URL is reported, never silently replaced by the sandbox', () => {
    expect(resolveBackendUrl(undefined, 'http://ecuapass.aduana.gob.ec')).toEqual({ ok: false, reason: 'insecure' });
  });
});

describe('BackendConnection', () => {
  const fakeClient = (baseUrl: string) => ({ baseUrl }) as unknown as ApiClient;

  it('names where the URL came from and builds the client for it', () => {
    const make = vi.fn(fakeClient);
    const env = new BackendConnection('https://env.example.ec/', 'https://saved.example.ec', make);
    expect([env.backendUrl, env.backendUrlSource]).toEqual(['https://env.example.ec', 'env']);
    expect(make).toHaveBeenLastCalledWith('https://env.example.ec');

    const saved = new BackendConnection(undefined, 'https://saved.example.ec', make);
    expect([saved.backendUrl, saved.backendUrlSource]).toEqual(['https://saved.example.ec', 'settings']);

    const def = new BackendConnection(undefined, undefined, make);
    expect([def.backendUrl, def.backendUrlSource]).toEqual([SANDBOX_BACKEND_URL, 'default']);
    expect(def.urlProblem()).toBeUndefined();
  });

  it('an insecure URL leaves no client and answers INSECURE_URL with its Spanish message', () => {
    const make = vi.fn(fakeClient);
    const conn = new BackendConnection(undefined, 'http://192.168.1.10:4010', make);
    expect(conn.api()).toBeNull();
    expect(make).not.toHaveBeenCalled();
    expect(conn.urlProblem()).toEqual({ code: 'INSECURE_URL', message: ERROR_MESSAGES.INSECURE_URL });
  });

  it('an invalid URL leaves no client and answers INVALID_INPUT in Spanish', () => {
    const conn = new BackendConnection(undefined, 'javascript:alert(1)', fakeClient);
    expect(conn.api()).toBeNull();
    expect(conn.urlProblem()).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/servidor/) });
  });

  it('saving a new URL takes effect at once, unless the environment pins it', () => {
    const conn = new BackendConnection(undefined, 'http://192.168.1.10', fakeClient);
    conn.configure('https://saved.example.ec');
    expect(conn.api()).not.toBeNull();
    expect(conn.urlProblem()).toBeUndefined();
    expect(conn.backendUrl).toBe('https://saved.example.ec');

    const pinned = new BackendConnection('https://env.example.ec', undefined, fakeClient);
    pinned.configure('https://saved.example.ec');
    expect([pinned.backendUrl, pinned.backendUrlSource]).toEqual(['https://env.example.ec', 'env']);
  });

  it('"Probar conexión" refuses bad URLs without any request', async () => {
    const make = vi.fn(fakeClient);
    const conn = new BackendConnection(undefined, undefined, make);
    make.mockClear();
    expect(await conn.test('http://ecuapass.aduana.gob.ec')).toEqual({
      ok: false,
      error: { code: 'INSECURE_URL', message: ERROR_MESSAGES.INSECURE_URL },
    });
    const invalid = await conn.test('ftp://x');
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { backendUrl: expect.any(String) } } });
    expect(make).not.toHaveBeenCalled();
  });
});
