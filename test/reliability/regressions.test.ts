import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeHandlers } from '../../src-main/ipc/bridge-handlers';
import { registerBridge, type IpcMainLike } from '../../src-main/ipc/register-bridge';
import { BRIDGE_METHODS, ERROR_MESSAGES, type Result } from '../../src-shared/contract';
import { MSG } from '../../src-shared/registration/messages';
import { getRegistration, keepEmailBody, put } from '../integration/server/general-user-helpers';
import { API, errorOf, serverForFile } from '../integration/server/harness';
import { figures } from './support/summary';

/**
 * The faults the fuzzers of this suite found, pinned as plain examples so they stay fixed even on a
 * run whose random cases miss them:
 *  1. a mistyped email with keepEmail=false made the update schema's cross-field rule call
 *     `.toLowerCase()` on a non-string: a 500 on PUT /general-user/registration, and a throw
 *     across IPC for updateRegistration;
 *  2. an unknown key named `constructor` (or `__proto__`) was dropped from `fields`
 *     (`key in {}` is true for Object.prototype's keys): a 422 naming no field;
 *  3. a Map, Set or Date payload (structured clone carries them) passed zod's object schema as an
 *     empty object: `updateSettings(new Set())` reached the handler.
 */

const fig = figures('regressions');
const server = serverForFile();
afterAll(() => fig.save());

describe('HTTP', () => {
  it.each([
    ['false', false],
    ['null', null],
    ['a number', 42],
    ['an object', { value: 'nuevo@example.com' }],
  ])('PUT with keepEmail=false and email = %s → 422 naming email, not 500', async (_what, email) => {
    const token = await server.login('jperez');
    const reg = await getRegistration(server, token);
    const before = (await server.dump());
    const res = await put(server, token, keepEmailBody(reg, { keepEmail: false, email, emailConfirmation: 'nuevo@example.com', securityCode: 'ABCD2345' }));
    fig.requestsSent += 3;
    fig.faultsInjected++;
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {})).toContain('email');
    expect((await server.dump()).users).toEqual(before.users);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('an unknown key %j is named in fields', async (key) => {
    const res = await server.request(`${API}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"userId":"jperez","password":"x","${key}":1}`,
    });
    fig.requestsSent++;
    fig.faultsInjected++;
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields).toEqual({ [key]: MSG.unknownField });
  });
});

describe('IPC', () => {
  type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
  const listeners = new Map<string, Listener>();
  const ipc: IpcMainLike = { handle: (c, l) => void listeners.set(c, l), removeHandler: (c) => void listeners.delete(c) };
  const calls: string[] = [];
  const handlers = Object.fromEntries(BRIDGE_METHODS.map((m) => [m, async () => (calls.push(m), { ok: true, value: null })])) as unknown as BridgeHandlers;
  const trusted = { senderFrame: { url: 'app://ecuapass/index.html' } } as unknown as IpcMainInvokeEvent;
  registerBridge(ipc, handlers, () => true, { info() {}, warn() {}, error() {} });
  const invoke = (method: string, ...args: unknown[]) => (listeners.get(`ecuapass:${method}`) as Listener)(trusted, ...structuredClone(args)) as Promise<Result<unknown>>;
  const invalid = { ok: false, error: { code: 'INVALID_INPUT', message: ERROR_MESSAGES.INVALID_INPUT } };

  it.each([
    ['a Set', new Set()],
    ['a Map', new Map()],
    ['a Date', new Date()],
    ['an Error', new Error('x')],
  ])('updateSettings(%s) → INVALID_INPUT, handler not called', async (_what, payload) => {
    const res = await invoke('updateSettings', payload);
    fig.requestsSent++;
    fig.faultsInjected++;
    expect(res).toEqual(invalid);
    expect(calls).toEqual([]);
  });

  it('updateRegistration with keepEmail=false and email=null → INVALID_INPUT naming email, no throw', async () => {
    const res = await invoke('updateRegistration', {
      version: 1, name: 'Juan Carlos Pérez Mendoza', country: 'EC', province: '09', city: '0901', phone1: '042345678', phone2: null,
      mobile: { carrier: 'CLARO', number: '0991234567' }, fax: null, keepEmail: false, email: null, emailConfirmation: 'a@b.ec', securityCode: 'ABCD2345',
    });
    fig.requestsSent++;
    fig.faultsInjected++;
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('INVALID_INPUT');
    expect(!res.ok && Object.keys(res.error.fields ?? {})).toContain('email');
    expect(calls).toEqual([]);
  });
});
