import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeHandlers } from '../../../src-main/ipc/bridge-handlers';
import { registerBridge } from '../../../src-main/ipc/register-bridge';
import { FakeIpcMain as SharedFakeIpcMain } from '../../support/fake-ipc-main';
import {
  BRIDGE_METHODS,
  bridgeContract,
  ERROR_MESSAGES,
  type BridgeMethodName,
} from '../../../src-shared/contract';
import { JPEREZ_FULL_FORM } from '../../fixtures/jperez';

/**
 * docs/architecture.md §6: every bridge call is refused unless it comes from the app's own window, its payload is
 * validated with the contract's schema before any handler runs, and errors are values: nothing is
 * thrown across IPC.
 */

/** The bridge's own channels by method name; a method nobody registered throws. */
class FakeIpcMain extends SharedFakeIpcMain {
  invoke(method: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(`ecuapass:${method}`);
    if (!listener) throw new Error(`no handler for ${method}`);
    return listener(event, ...args);
  }
}

const trusted = { senderFrame: { url: 'app://ecuapass/index.html' } } as unknown as IpcMainInvokeEvent;
const untrusted = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;

const REGISTRATION_FORM = JPEREZ_FULL_FORM;

const MB_STRING = 'a'.repeat(1024 * 1024);
const DRAFT_VALUES = {
  name: 'Juan Carlos Pérez Mendoza', country: 'EC', province: '09', city: '0901', phone1: '042345678', phone2: '',
  carrier: 'CLARO', mobileNumber: '0991234567', fax: '', keepEmail: 'no', email: '', emailConfirmation: '',
};

interface Row {
  /** A payload the contract accepts; undefined for methods that take no input. */
  valid: unknown;
  /** Objects of the right keys with values of the wrong type, or out of bounds. */
  wrong: unknown[];
}

const NO_INPUT: Row = { valid: undefined, wrong: [{}, { userId: 'jperez' }] };

/** One row per bridge method: a method added to BRIDGE_METHODS without a row fails the suite. */
const ROWS = {
  getAppInfo: NO_INPUT,
  restoreSession: NO_INPUT,
  login: {
    valid: { userId: 'jperez', password: 'x' },
    wrong: [
      {},
      { userId: 42, password: 'x' },
      { userId: 'jperez', password: 123456 },
      { userId: 'jperez' },
      { userId: '', password: 'x' },
      { userId: 'jperez', password: '' },
      { userId: ['jperez'], password: 'x' },
      { userId: 'jperez', password: MB_STRING },
      { userId: MB_STRING, password: 'x' },
    ],
  },
  logout: NO_INPUT,
  getRegistration: NO_INPUT,
  verifyCurrentPassword: {
    valid: { currentPassword: 'Aduana#2026' },
    wrong: [{}, { currentPassword: null }, { currentPassword: 1 }, { currentPassword: '' }, { currentPassword: MB_STRING }],
  },
  checkEmailAvailability: {
    valid: { email: 'nuevo@example.com' },
    wrong: [{}, { email: 1 }, { email: 'no-es-correo' }, { email: '' }, { email: `${MB_STRING}@example.com` }],
  },
  requestSecurityCode: {
    valid: { email: 'nuevo@example.com' },
    wrong: [{}, { email: true }, { email: 'a@' }, { email: { value: 'nuevo@example.com' } }],
  },
  updateRegistration: {
    valid: REGISTRATION_FORM,
    wrong: [
      {},
      { ...REGISTRATION_FORM, version: '3' },
      { ...REGISTRATION_FORM, version: -1 },
      { ...REGISTRATION_FORM, keepEmail: 'no' },
      { ...REGISTRATION_FORM, mobile: '0991234567' },
      { ...REGISTRATION_FORM, mobile: { carrier: 'ENTEL', number: '0991234567' } },
      { ...REGISTRATION_FORM, province: 9 },
      { ...REGISTRATION_FORM, name: MB_STRING },
      { ...REGISTRATION_FORM, passwordChange: { newPassword: MB_STRING, confirmation: MB_STRING } },
      // The ticket is never the renderer's business, nor are read-only fields.
      { ...REGISTRATION_FORM, passwordChange: { ...REGISTRATION_FORM.passwordChange, ticket: 't' } },
      { ...REGISTRATION_FORM, userId: 'otro' },
      { ...REGISTRATION_FORM, senaeEmail: 'otro@correo.aduana.gob.ec' },
    ],
  },
  deactivateUser: {
    valid: { reason: 'Cambio de empresa y de cargo' },
    wrong: [{}, { reason: 10 }, { reason: 'corto' }, { reason: MB_STRING }],
  },
  requestPasswordReset: {
    valid: { userId: 'jperez', idDocument: '0924680135', email: 'jperez@example.com' },
    wrong: [
      {},
      { userId: 'jperez', idDocument: '0924680136', email: 'jperez@example.com' },
      { userId: 'jperez', idDocument: '0924680136001', email: 'jperez@example.com' },
      { userId: 'jperez', idDocument: 'AB-123', email: 'jperez@example.com' },
      { userId: 'jperez', idDocument: '0924680135', email: 'no-es-correo' },
      { userId: 'jperez', idDocument: '0924680135', email: 'jperez@example.com', classification: 'AGENTE' },
      { userId: MB_STRING, idDocument: '0924680135', email: 'jperez@example.com' },
    ],
  },
  verifyLoginCode: { valid: { code: '123456' }, wrong: [{}, { code: 123456 }, { code: '12345' }, { code: 'ABCD' }, { code: MB_STRING }] },
  changeForcedPassword: {
    valid: { newPassword: 'Nueva#Clave2027', confirmation: 'Nueva#Clave2027' },
    wrong: [
      {},
      { newPassword: 'Nueva#Clave2027', confirmation: 'Otra#Clave2027' },
      { newPassword: 'corta', confirmation: 'corta' },
      { newPassword: MB_STRING, confirmation: MB_STRING },
    ],
  },
  getTwoFactorStatus: NO_INPUT,
  startTwoFactorEnrolment: NO_INPUT,
  confirmTwoFactorEnrolment: { valid: { code: '123456' }, wrong: [{}, { code: 123456 }, { code: 'ABCD-EFGH-JKLM-NPQR' }, { code: '1234567' }] },
  disableTwoFactor: {
    valid: { password: 'Aduana#2026', code: 'ABCD-EFGH-JKLM-NPQR' },
    wrong: [{}, { password: 'Aduana#2026' }, { password: '', code: '123456' }, { password: 'Aduana#2026', code: 'x' }, { password: MB_STRING, code: '123456' }],
  },
  listRememberedUsers: NO_INPUT,
  resumeUser: {
    valid: { userId: 'jperez' },
    wrong: [{}, { userId: 7 }, { userId: '' }, { userId: MB_STRING }],
  },
  forgetUser: {
    valid: { userId: 'mlopez' },
    wrong: [{}, { userId: null }, { userId: '   ' }, { userId: MB_STRING }],
  },
  lockSession: NO_INPUT,
  switchUser: NO_INPUT,
  getSettings: NO_INPUT,
  updateSettings: {
    valid: { backendUrl: 'https://ecuapass.aduana.gob.ec', idleLockMinutes: 10 },
    wrong: [
      { backendUrl: 4010 },
      { idleLockMinutes: '10' },
      { idleLockMinutes: 0 },
      { idleLockMinutes: 1.5 },
      { idleLockMinutes: 481 },
      { backendUrl: '' },
      { backendUrl: MB_STRING },
    ],
  },
  testConnection: {
    valid: { backendUrl: 'https://ecuapass.aduana.gob.ec' },
    wrong: [{}, { backendUrl: null }, { backendUrl: '' }, { backendUrl: MB_STRING }],
  },
  retryKeychain: NO_INPUT,
  saveDraft: {
    valid: { version: 1, base: DRAFT_VALUES, values: { ...DRAFT_VALUES, phone1: '042987654' } },
    wrong: [
      {},
      { version: 1, base: DRAFT_VALUES },
      { version: -1, base: DRAFT_VALUES, values: DRAFT_VALUES },
      { version: 1, base: DRAFT_VALUES, values: { ...DRAFT_VALUES, currentPassword: 'Aduana#2026' } },
      { version: 1, base: DRAFT_VALUES, values: { ...DRAFT_VALUES, securityCode: 'ABCD2345' } },
      { version: 1, base: DRAFT_VALUES, values: { ...DRAFT_VALUES, phone1: MB_STRING } },
      { version: 1, base: DRAFT_VALUES, values: DRAFT_VALUES, userId: 'mlopez' },
    ],
  },
  loadDraft: NO_INPUT,
  discardDraft: NO_INPUT,
  getDraftStorage: NO_INPUT,
  setUnsavedChanges: { valid: { dirty: true }, wrong: [{}, { dirty: 'yes' }, { dirty: true, extra: 1 }] },
  nextAppEvent: NO_INPUT,
  confirmLeave: NO_INPUT,
  getUpdateState: NO_INPUT,
  installUpdate: NO_INPUT,
  listSessions: NO_INPUT,
  closeSession: {
    valid: { id: '5f0c6a52-6d3c-4f57-9a43-7f4b7f6f3a10' },
    wrong: [{}, { id: 7 }, { id: 'no-es-un-id' }, { id: MB_STRING }, { id: '5f0c6a52-6d3c-4f57-9a43-7f4b7f6f3a10', userId: 'mlopez' }],
  },
  closeOtherSessions: NO_INPUT,
  getActivity: {
    valid: { before: '120', limit: 50, type: 'registration.update' },
    wrong: [{ limit: 0 }, { limit: 101 }, { limit: 2.5 }, { before: '-1' }, { before: 12 }, { type: 'password' }, { userId: 'mlopez' }],
  },
  saveReceipt: NO_INPUT,
} satisfies Partial<Record<BridgeMethodName, Row>>;

function rowOf(method: BridgeMethodName): Row {
  const row = (ROWS as Partial<Record<BridgeMethodName, Row>>)[method];
  if (!row) throw new Error(`register-bridge.test.ts has no row for the bridge method "${method}": add one`);
  return row;
}

function setUp() {
  const ipc = new FakeIpcMain();
  const handlers = Object.fromEntries(
    BRIDGE_METHODS.map((m) => [m, vi.fn(async () => ({ ok: true, value: `${m} done` }))]),
  ) as unknown as Record<BridgeMethodName, ReturnType<typeof vi.fn>>;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const isTrustedSender = vi.fn((event: IpcMainInvokeEvent) => event === trusted);
  const unregister = registerBridge(ipc, handlers as unknown as BridgeHandlers, isTrustedSender, log);
  return { ipc, handlers, log, isTrustedSender, unregister };
}

let t: ReturnType<typeof setUp>;
beforeEach(() => {
  t = setUp();
});

/** The malformed payloads every method must refuse; `undefined`-only methods refuse all of them too. */
function malformedPayloads(method: BridgeMethodName): [string, unknown][] {
  const row = rowOf(method);
  const extraKey =
    row.valid === undefined ? { extra: 1 } : { ...(row.valid as Record<string, unknown>), extra: 1 };
  const pollutedValid =
    row.valid === undefined
      ? JSON.parse('{"__proto__":{"x":1}}')
      : JSON.parse(JSON.stringify(row.valid).replace(/^\{/, '{"__proto__":{"x":1},'));
  return [
    ['a number', 42],
    ['a string', 'jperez'],
    ['an array', [row.valid ?? 'x']],
    ['null', null],
    ['a boolean', true],
    ...row.wrong.map((w, i): [string, unknown] => [`wrong values #${i + 1} ${JSON.stringify(w).slice(0, 60)}`, w]),
    ['an object with an extra unknown key', extraKey],
    ['a 1 MB string', MB_STRING],
    ['a prototype-pollution object', JSON.parse('{"__proto__":{"x":1}}')],
    ['a valid payload carrying __proto__', pollutedValid],
    ['a valid payload carrying constructor.prototype', { ...(row.valid ?? {}), constructor: { prototype: { x: 1 } } }],
  ];
}

function expectInvalidInput(res: unknown) {
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: ERROR_MESSAGES.INVALID_INPUT } });
  const { error } = res as { error: { message: string; fields?: Record<string, unknown> } };
  expect(error.message).toMatch(/[áéíóúñ]|válidos/);
  for (const msg of Object.values(error.fields ?? {})) expect(msg).toEqual(expect.any(String));
  // An answer the renderer can receive: plain data, small, no echo of a huge payload.
  expect(JSON.stringify(res).length).toBeLessThan(4096);
}

describe('registerBridge', () => {
  it('every bridge method has a row in this test', () => {
    const missing = BRIDGE_METHODS.filter((m) => !(m in ROWS));
    expect(missing, `add a row to ROWS for: ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(ROWS).sort()).toEqual([...BRIDGE_METHODS].sort());
  });

  it('registers exactly one handler per bridge method, on channel ecuapass:<method>', () => {
    expect([...t.ipc.handlers.keys()].sort()).toEqual(BRIDGE_METHODS.map((m) => `ecuapass:${m}`).sort());
  });

  it('the function it returns removes every handler', () => {
    t.unregister();
    expect(t.ipc.handlers.size).toBe(0);
  });

  describe.each(BRIDGE_METHODS.map((m) => [m] as const))('%s', (method) => {
    it('from an untrusted sender → FORBIDDEN_SENDER in Spanish, the handler not called, even with a valid payload', async () => {
      const row = rowOf(method);
      const args = row.valid === undefined ? [] : [row.valid];
      const res = await t.ipc.invoke(method, untrusted, ...args);
      expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: ERROR_MESSAGES.FORBIDDEN_SENDER } });
      expect(t.handlers[method]).not.toHaveBeenCalled();
      expect(t.log.warn).toHaveBeenCalled();
    });

    it('the sender is checked before the payload', async () => {
      const res = await t.ipc.invoke(method, untrusted, 42);
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    });

    it('a valid payload reaches the handler, parsed by the contract, and its answer comes back', async () => {
      const row = rowOf(method);
      const args = row.valid === undefined ? [] : [row.valid];
      const res = await t.ipc.invoke(method, trusted, ...args);
      expect(res).toEqual({ ok: true, value: `${method} done` });
      expect(t.handlers[method]).toHaveBeenCalledTimes(1);
      expect(t.handlers[method]).toHaveBeenCalledWith(bridgeContract[method].input.parse(row.valid));
      for (const other of BRIDGE_METHODS) if (other !== method) expect(t.handlers[other]).not.toHaveBeenCalled();
    });

    it.each(malformedPayloads(method))('%s → INVALID_INPUT, the handler not called', async (_what, payload) => {
      const res = await t.ipc.invoke(method, trusted, payload);
      expectInvalidInput(res);
      expect(t.handlers[method]).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });

    it('two arguments → INVALID_INPUT, the handler not called', async () => {
      const row = rowOf(method);
      expectInvalidInput(await t.ipc.invoke(method, trusted, row.valid, row.valid));
      expectInvalidInput(await t.ipc.invoke(method, trusted, row.valid, undefined));
      expect(t.handlers[method]).not.toHaveBeenCalled();
    });

    it('a handler that throws → UNEXPECTED in Spanish, logged, nothing thrown', async () => {
      t.handlers[method].mockImplementationOnce(async () => {
        throw new Error('boom with a secret token abc123');
      });
      const row = rowOf(method);
      const args = row.valid === undefined ? [] : [row.valid];
      const res = await t.ipc.invoke(method, trusted, ...args);
      expect(res).toEqual({ ok: false, error: { code: 'UNEXPECTED', message: ERROR_MESSAGES.UNEXPECTED } });
      expect(JSON.stringify(res)).not.toContain('abc123');
      expect(t.log.error).toHaveBeenCalled();
    });

    it('a handler that throws synchronously → UNEXPECTED, nothing thrown', async () => {
      t.handlers[method].mockImplementationOnce(() => {
        throw new TypeError('sync boom');
      });
      const row = rowOf(method);
      const args = row.valid === undefined ? [] : [row.valid];
      await expect(t.ipc.invoke(method, trusted, ...args)).resolves.toMatchObject({ ok: false, error: { code: 'UNEXPECTED' } });
    });
  });

  describe('methods that take no input refuse anything but undefined', () => {
    const noInput = BRIDGE_METHODS.filter((m) => rowOf(m).valid === undefined);

    it('there are such methods', () => {
      expect(noInput).toEqual(expect.arrayContaining(['getAppInfo', 'logout', 'getSettings', 'switchUser']));
    });

    it.each(noInput.map((m) => [m] as const))('%s: {} , [], 0, "" and false are refused; undefined is accepted', async (method) => {
      for (const payload of [{}, [], 0, '', false, null]) expectInvalidInput(await t.ipc.invoke(method, trusted, payload));
      expect(t.handlers[method]).not.toHaveBeenCalled();
      expect(await t.ipc.invoke(method, trusted, undefined)).toEqual({ ok: true, value: `${method} done` });
      expect(t.handlers[method]).toHaveBeenCalledWith(undefined);
    });
  });

  describe('the handler receives the parsed value, not the raw payload', () => {
    it('login: the ID.usuario is trimmed', async () => {
      await t.ipc.invoke('login', trusted, { userId: '  jperez  ', password: ' x ' });
      expect(t.handlers.login).toHaveBeenCalledWith({ userId: 'jperez', password: ' x ' });
    });

    it('updateRegistration: the security code is upper-cased and the email trimmed', async () => {
      await t.ipc.invoke('updateRegistration', trusted, {
        ...REGISTRATION_FORM,
        email: ' juan.perez@example.com ',
        securityCode: 'abcd2345',
      });
      expect(t.handlers.updateRegistration).toHaveBeenCalledWith(
        expect.objectContaining({ email: 'juan.perez@example.com', securityCode: 'ABCD2345' }),
      );
    });

    it('deactivateUser: the reason is trimmed', async () => {
      await t.ipc.invoke('deactivateUser', trusted, { reason: '  Cambio de empresa y de cargo  ' });
      expect(t.handlers.deactivateUser).toHaveBeenCalledWith({ reason: 'Cambio de empresa y de cargo' });
    });

    it('the handler gets a fresh object, not the sender\'s', async () => {
      const payload = { userId: 'jperez', password: 'x' };
      await t.ipc.invoke('login', trusted, payload);
      expect(t.handlers.login.mock.calls[0]?.[0]).not.toBe(payload);
    });
  });

  it('nothing the renderer sent or the handler answered is logged: payloads and values may hold secrets', async () => {
    t.handlers.verifyCurrentPassword.mockResolvedValueOnce({ ok: true, value: { verifiedUntil: 'ticket-SECRETO-1' } });
    await t.ipc.invoke('login', trusted, { userId: 'jperez', password: 'Clave#SECRETA-9' });
    await t.ipc.invoke('verifyCurrentPassword', trusted, { currentPassword: 'Clave#SECRETA-9' });
    await t.ipc.invoke('login', trusted, { userId: 'jperez', password: 'Clave#SECRETA-9', extra: 1 });
    await t.ipc.invoke('login', untrusted, { userId: 'jperez', password: 'Clave#SECRETA-9' });
    const logged = JSON.stringify([t.log.info.mock.calls, t.log.warn.mock.calls, t.log.error.mock.calls]);
    expect(logged).not.toContain('SECRET');
  });

  it('a routine read that succeeds is not logged; its failure, and every change, is', async () => {
    t.handlers.getRegistration.mockResolvedValueOnce({ ok: true, value: null });
    await t.ipc.invoke('getRegistration', trusted);
    expect(t.log.info).not.toHaveBeenCalled();
    t.handlers.getRegistration.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK', message: 'x' } });
    await t.ipc.invoke('getRegistration', trusted);
    expect(t.log.info).toHaveBeenLastCalledWith('IPC getRegistration: NETWORK');
    t.handlers.logout.mockResolvedValueOnce({ ok: true, value: null });
    await t.ipc.invoke('logout', trusted);
    expect(t.log.info).toHaveBeenLastCalledWith('IPC logout: ok');
  });

  it('a field error names the field in Spanish', async () => {
    const res = await t.ipc.invoke('updateRegistration', trusted, { ...REGISTRATION_FORM, phone1: '04-234' });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { phone1: expect.stringMatching(/números/) } } });
  });
});
