import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../src-main/api/api-client';
import { netRequestAdapter } from '../../../src-main/api/net-request-adapter';
import { DEVICE_HEADER } from '../../../src-shared/contract/device';
import { ERROR_MESSAGES } from '../../../src-shared/contract';
import { JPEREZ_REGISTRATION } from '../../fixtures/jperez';
import { answering, fakeNet, json, type FakeAnswer } from './support/fake-net-request';

const DEVICE = 'host=PC-ADUANA-01; os=Windows%2011%20(10.0.22631); app=0.1.0';

/** An API client over a fake net.request answering `answer`, with the session-expiry callback recorded. */
function clientAnswering(answer: FakeAnswer) {
  const net = fakeNet(answering(answer));
  const onSessionExpired = vi.fn(async (_token: string) => undefined);
  const api = new ApiClient({ baseUrl: 'https://backend.test', adapter: netRequestAdapter(net.request, async () => null), device: DEVICE, onSessionExpired });
  return { api, sent: net.sent, onSessionExpired };
}

describe('the request interceptor', () => {
  it('sends the session token as Authorization: Bearer, the device header, and asks for JSON', async () => {
    const { api, sent } = clientAnswering(json(200, JPEREZ_REGISTRATION));
    expect(await api.getRegistration('tok-3f2a9c')).toEqual({ ok: true, value: JPEREZ_REGISTRATION });
    expect(sent[0]?.headers).toMatchObject({ Authorization: 'Bearer tok-3f2a9c', [DEVICE_HEADER]: DEVICE, Accept: 'application/json' });
  });

  it('a call without a token (login, health) carries no Authorization at all, the device header still', async () => {
    const { api, sent } = clientAnswering(json(200, { status: 'ok' }));
    await api.health();
    await api.login({ userId: 'jperez', password: 'Aduana#2026' });
    for (const req of sent) {
      expect(Object.keys(req.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
      expect(req.headers[DEVICE_HEADER]).toBe(DEVICE);
    }
    expect(sent.map((r) => [r.options.method, r.options.url])).toEqual([
      ['GET', 'https://backend.test/health'],
      ['POST', 'https://backend.test/api/v1/sessions'],
    ]);
  });

  it('a body goes as JSON with Content-Type: application/json; none, and there is no Content-Type', async () => {
    const { api, sent } = clientAnswering(json(200, { ticket: 't1', expiresAt: '2026-12-03T10:00:00.000Z' }));
    await api.verifyPassword('tok', 'Aduana#2026');
    expect(sent[0]?.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(sent[0]!.body!.toString('utf8'))).toEqual({ currentPassword: 'Aduana#2026' });
    await api.getRegistration('tok');
    expect(Object.keys(sent[1]!.headers).map((h) => h.toLowerCase())).not.toContain('content-type');
    expect(sent[1]?.body).toBeUndefined();
  });
});

describe('the response interceptor: a 401 ends the session of the token that got it', () => {
  it('401 UNAUTHENTICATED on an authenticated call → the session-expiry callback, once, with that token, before the call answers', async () => {
    const { api, onSessionExpired } = clientAnswering(json(401, { error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED } }));
    // The session manager forgets the token asynchronously (the keychain): the call answers only once it has.
    let expiryDone = false;
    onSessionExpired.mockImplementation(async () => {
      await new Promise((r) => setImmediate(r));
      expiryDone = true;
    });
    const res = await api.getRegistration('tok-muerto');
    expect(expiryDone).toBe(true);
    expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED } });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(onSessionExpired).toHaveBeenCalledWith('tok-muerto');
  });

  it('a 401 without the contract body (a proxy, a gateway) is UNAUTHENTICATED too', async () => {
    const { api, onSessionExpired } = clientAnswering({ status: 401, chunks: ['<h1>401</h1>'] });
    expect(await api.currentSession('tok')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a wrong current password (401 WRONG_PASSWORD)', 'WRONG_PASSWORD'],
    ['wrong credentials at login (401 INVALID_CREDENTIALS)', 'INVALID_CREDENTIALS'],
  ] as const)('%s does not end the session', async (_what, code) => {
    const { api, onSessionExpired } = clientAnswering(json(401, { error: { code, message: ERROR_MESSAGES[code] } }));
    expect(await api.verifyPassword('tok', 'x')).toMatchObject({ ok: false, error: { code } });
    expect(await api.login({ userId: 'jperez', password: 'x' })).toMatchObject({ ok: false, error: { code } });
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('a 401 to a call made without a token, or any other failure, does not call it', async () => {
    const unauthenticated = clientAnswering({ status: 401 });
    await unauthenticated.api.health();
    expect(unauthenticated.onSessionExpired).not.toHaveBeenCalled();
    const down = clientAnswering({ status: 503 });
    expect(await down.api.getRegistration('tok')).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR' } });
    expect(down.onSessionExpired).not.toHaveBeenCalled();
  });
});
