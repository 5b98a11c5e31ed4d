import { TwoFactorService } from '../../src-main/account/two-factor-service';
import type { IpcMainInvokeEvent } from 'electron';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src-main/api/api-client';
import { BackendConnection } from '../../src-main/api/backend-connection';
import type { BridgeHandlers } from '../../src-main/ipc/bridge-handlers';
import { registerBridge, type BridgeLog, type IpcMainLike } from '../../src-main/ipc/register-bridge';
import { RegistrationService } from '../../src-main/registration/registration-service';
import { sessionBridgeHandlers } from '../../src-main/ipc/session-handlers';
import { accountBridgeHandlers } from '../../src-main/ipc/account-handlers';
import { MemoryStore } from '../../src-main/session/memory-store';
import { SessionManager } from '../../src-main/session/session-manager';
import {
  BRIDGE_METHODS,
  bridgeContract,
  ContractErrorSchema,
  ERROR_MESSAGES,
  type BridgeMethodName,
  type Result,
} from '../../src-shared/contract';
import { DEMO_PASSWORD, startServer, type TestServer } from '../integration/server/harness';
import { nastyNumber, nastyString, WEIRD_KEYS } from './support/arbitraries';
import { fingerprinter, type Fingerprinter } from './support/fingerprint';
import { bump, figures } from './support/summary';
import { JPEREZ_FULL_FORM } from '../fixtures/jperez';

/**
 * Issue #6, fuzzing the IPC bridge (src-shared/contract/bridge.ts): every channel of BRIDGE_METHODS gets thousands of
 * payloads through registerBridge, after a structured clone as Electron's IPC does. A malformed
 * payload (wrong top-level type, a required key missing, a mistyped or too long value, an unknown
 * key, any payload for a method that takes none, a second argument) answers INVALID_INPUT as a
 * value, the handler is never called, nothing is thrown. Random payloads are judged by the
 * contract's own schema: accepted → the handler runs exactly once; refused → as above.
 * Then a smaller pass through the REAL handlers (SessionManager, RegistrationService, ApiClient)
 * wired to a real backend: refused payloads leave the backend's database unchanged.
 */

const SCALE = Number(process.env.RELIABILITY_SCALE ?? '1');
const RUNS_PER_CHANNEL = Math.round(2_000 * SCALE);
const REAL_RUNS_PER_CHANNEL = Math.round(150 * SCALE);
const SEED = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined;

const fig = figures('ipc-fuzz');
const perChannel: Record<string, { cases: number; refused: number; accepted: number; handlerCalls: number }> = {};
fig.details.perChannel = perChannel;

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  /** As ipcRenderer.invoke → ipcMain.handle: the arguments cross as a structured clone. */
  invoke(method: BridgeMethodName, event: IpcMainInvokeEvent, args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(`ecuapass:${method}`);
    if (!listener) throw new Error(`no handler for ${method}`);
    return listener(event, ...structuredClone(args));
  }
}

const trusted = { senderFrame: { url: 'app://ecuapass/index.html' } } as unknown as IpcMainInvokeEvent;
const untrusted = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;
const silentLog: BridgeLog & { errors: unknown[] } = { errors: [], info() {}, warn() {}, error(...a: unknown[]) { silentLog.errors.push(a); } };

type FieldType = 'string' | 'nullable-string' | 'number' | 'boolean' | 'object';
interface InputShape {
  valid: Record<string, unknown>;
  required: Record<string, FieldType>;
  optional: Record<string, FieldType>;
  /** Longest accepted string per field, when the contract bounds it. */
  maxLength: Record<string, number>;
}

const REGISTRATION_FORM = JPEREZ_FULL_FORM;
const DRAFT_VALUES = {
  name: 'Juan Carlos Pérez Mendoza', country: 'EC', province: '09', city: '0901', phone1: '042345678', phone2: '',
  carrier: 'CLARO', mobileNumber: '0991234567', fax: '', keepEmail: 'no', email: '', emailConfirmation: '',
};

const email = (valid: string): InputShape => ({ valid: { email: valid }, required: { email: 'string' }, optional: {}, maxLength: { email: 254 } });
const userRef: InputShape = { valid: { userId: 'jperez' }, required: { userId: 'string' }, optional: {}, maxLength: { userId: 50 } };

/** null: the method takes no payload. One entry per method: a method added without one fails to compile. */
const SHAPES: Record<BridgeMethodName, InputShape | null> = {
  getAppInfo: null,
  restoreSession: null,
  login: { valid: { userId: 'jperez', password: 'x' }, required: { userId: 'string', password: 'string' }, optional: {}, maxLength: { userId: 50, password: 256 } },
  logout: null,
  getRegistration: null,
  verifyCurrentPassword: { valid: { currentPassword: 'Aduana#2026' }, required: { currentPassword: 'string' }, optional: {}, maxLength: { currentPassword: 256 } },
  checkEmailAvailability: email('nuevo@example.com'),
  requestSecurityCode: email('nuevo@example.com'),
  updateRegistration: {
    valid: REGISTRATION_FORM,
    required: {
      version: 'number', name: 'string', country: 'string', province: 'nullable-string', city: 'nullable-string', phone1: 'string',
      phone2: 'nullable-string', mobile: 'object', fax: 'nullable-string', keepEmail: 'boolean',
    },
    optional: { email: 'string', emailConfirmation: 'string', securityCode: 'string', passwordChange: 'object' },
    maxLength: { name: 100, email: 254, emailConfirmation: 254, phone1: 14, fax: 14 },
  },
  deactivateUser: { valid: { reason: 'Cambio de empresa y de cargo' }, required: { reason: 'string' }, optional: {}, maxLength: { reason: 500 } },
  requestPasswordReset: {
    valid: { userId: 'jperez', idDocument: '0924680135', email: 'jperez@example.com' },
    required: { userId: 'string', idDocument: 'string', email: 'string' },
    optional: {},
    maxLength: { userId: 50, idDocument: 20, email: 254 },
  },
  verifyLoginCode: { valid: { code: '123456' }, required: { code: 'string' }, optional: {}, maxLength: { code: 40 } },
  changeForcedPassword: {
    valid: { newPassword: 'Nueva#Clave2027', confirmation: 'Nueva#Clave2027' },
    required: { newPassword: 'string', confirmation: 'string' },
    optional: {},
    maxLength: { newPassword: 64 },
  },
  getTwoFactorStatus: null,
  startTwoFactorEnrolment: null,
  confirmTwoFactorEnrolment: { valid: { code: '123456' }, required: { code: 'string' }, optional: {}, maxLength: { code: 6 } },
  disableTwoFactor: {
    valid: { password: 'Aduana#2026', code: '123456' },
    required: { password: 'string', code: 'string' },
    optional: {},
    maxLength: { password: 256, code: 40 },
  },
  listRememberedUsers: null,
  resumeUser: userRef,
  forgetUser: userRef,
  lockSession: null,
  switchUser: null,
  getSettings: null,
  updateSettings: { valid: { backendUrl: 'https://ecuapass.example', idleLockMinutes: 15 }, required: {}, optional: { backendUrl: 'string', idleLockMinutes: 'number' }, maxLength: { backendUrl: 2048 } },
  testConnection: { valid: { backendUrl: 'https://ecuapass.example' }, required: { backendUrl: 'string' }, optional: {}, maxLength: { backendUrl: 2048 } },
  retryKeychain: null,
  saveDraft: {
    valid: { version: 1, base: DRAFT_VALUES, values: DRAFT_VALUES },
    required: { version: 'number', base: 'object', values: 'object' },
    optional: {},
    maxLength: {},
  },
  loadDraft: null,
  discardDraft: null,
  getDraftStorage: null,
  setUnsavedChanges: { valid: { dirty: false }, required: { dirty: 'boolean' }, optional: {}, maxLength: {} },
  nextAppEvent: null,
  confirmLeave: null,
  getUpdateState: null,
  installUpdate: null,
  listSessions: null,
  closeSession: { valid: { id: '5f0c6a52-6d3c-4f57-9a43-7f4b7f6f3a10' }, required: { id: 'string' }, optional: {}, maxLength: {} },
  closeOtherSessions: null,
  getActivity: { valid: { limit: 50 }, required: {}, optional: { before: 'string', limit: 'number', type: 'string' }, maxLength: {} },
  saveReceipt: null,
};

/** Values that cross IPC (structured clone): more than JSON has. */
const cloneable: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: false,
});

const notString = fc.oneof(nastyNumber, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(nastyString, { maxLength: 2 }), fc.bigInt(), fc.date(), fc.constant(new Map([['a', 1]])), fc.dictionary(fc.string({ maxLength: 5 }), nastyString, { maxKeys: 2 }));
const wrongFor: Record<FieldType, fc.Arbitrary<unknown>> = {
  string: notString,
  'nullable-string': notString.filter((v) => v !== null),
  number: fc.oneof(nastyString, fc.boolean(), fc.constant(null), fc.bigInt(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5, -1, 2 ** 53 + 2), fc.array(fc.integer(), { maxLength: 2 })),
  boolean: fc.oneof(nastyString, nastyNumber, fc.constant(null), fc.constantFrom('true', 'Si', 1, 0, [true])),
  object: fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null), fc.array(nastyString, { maxLength: 2 })),
};

/** A payload the contract must refuse, with what was done to it. */
function malformedFor(shape: InputShape | null): fc.Arbitrary<{ how: string; args: unknown[] }> {
  if (shape === null) {
    return fc.oneof(
      cloneable.filter((v) => v !== undefined).map((v) => ({ how: 'payload to a method without input', args: [v] })),
      fc.tuple(fc.constant(undefined), cloneable).map(([a, b]) => ({ how: 'second argument', args: [a, b] })),
    );
  }
  const set = (key: string, value: unknown) => {
    const p = structuredClone(shape.valid);
    Object.defineProperty(p, key, { value, enumerable: true, writable: true, configurable: true });
    return p;
  };
  const fields = { ...shape.required, ...shape.optional };
  const options: fc.Arbitrary<{ how: string; args: unknown[] }>[] = [
    fc
      .oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null), fc.array(cloneable, { maxLength: 3 }), fc.bigInt(), fc.date(), fc.constant(new Map()), fc.constant(new Set()), fc.uint8Array({ maxLength: 4 }))
      .map((v) => ({ how: 'not an object', args: [v] })),
    fc.record({ key: fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string({ minLength: 1, maxLength: 12 })).filter((k) => !(k in fields)), value: cloneable }).map(({ key, value }) => ({
      how: `unknown key ${JSON.stringify(key)}`,
      args: [set(key, value)],
    })),
    fc.constantFrom(...Object.keys(fields)).chain((key) =>
      wrongFor[fields[key] as FieldType]
        // An optional key may be left undefined: that is not a fault.
        .filter((value) => value !== undefined || key in shape.required)
        .map((value) => ({ how: `${key} mistyped`, args: [set(key, value)] })),
    ),
    fc.tuple(fc.constant(shape.valid), cloneable).map(([p, extra]) => ({ how: 'second argument', args: [structuredClone(p), extra] })),
  ];
  const requiredKeys = Object.keys(shape.required);
  if (requiredKeys.length > 0) {
    options.push(fc.constant({ how: 'no payload', args: [] as unknown[] }));
    options.push(
      fc.constantFrom(...requiredKeys).map((key) => {
        const p = structuredClone(shape.valid);
        delete p[key];
        return { how: `${key} missing`, args: [p] };
      }),
    );
  }
  const bounded = Object.entries(shape.maxLength);
  if (bounded.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...bounded), fc.integer({ min: 1, max: 1_000_000 })).map(([[key, max], extra]) => ({
        how: `${key} longer than ${max}`,
        args: [set(key, '7'.repeat(max + extra))],
      })),
    );
  }
  return fc.oneof(...options);
}

function expectInvalidInput(res: unknown, context: string): void {
  const parsed = ContractErrorSchema.safeParse((res as Result<unknown>).ok === false ? (res as { error: unknown }).error : undefined);
  if ((res as Result<unknown>).ok !== false || !parsed.success) expect.fail(`${context}: expected an INVALID_INPUT value, got ${String(JSON.stringify(res)).slice(0, 300)}`);
  expect(parsed.data.code, context).toBe('INVALID_INPUT');
  expect(parsed.data.message, context).toBe(ERROR_MESSAGES.INVALID_INPUT);
}

/** Fake handlers that count their calls and answer a success. */
function countingHandlers(calls: Record<string, number>): BridgeHandlers {
  return Object.fromEntries(
    BRIDGE_METHODS.map((m) => [
      m,
      async () => {
        bump(calls, m);
        return { ok: true, value: null };
      },
    ]),
  ) as unknown as BridgeHandlers;
}

const assertOptions = (numRuns: number) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

afterAll(() => fig.save());

describe('every IPC channel, counting fake handlers', () => {
  const ipc = new FakeIpcMain();
  const calls: Record<string, number> = {};
  registerBridge(ipc, countingHandlers(calls), (e) => e === trusted, silentLog);

  for (const method of BRIDGE_METHODS) {
    it(`${method}: ${RUNS_PER_CHANNEL} payloads; malformed → INVALID_INPUT, handler not called, nothing thrown`, async () => {
      const stats = (perChannel[method] ??= { cases: 0, refused: 0, accepted: 0, handlerCalls: 0 });
      const schema = bridgeContract[method].input;
      const malformed = Math.round(RUNS_PER_CHANNEL * 0.75);

      await fc.assert(
        fc.asyncProperty(malformedFor(SHAPES[method]), async ({ how, args }) => {
          const before = calls[method] ?? 0;
          // A rejected promise would fail the property: "nothing thrown" is checked by awaiting it.
          const res = await ipc.invoke(method, trusted, args);
          stats.cases++;
          stats.refused++;
          fig.requestsSent++;
          fig.faultsInjected++;
          expectInvalidInput(res, `${method} (${how})`);
          expect(calls[method] ?? 0, `${method} (${how}): handler called`).toBe(before);
        }),
        assertOptions(malformed),
      );

      // Random payloads, judged by the contract's own schema.
      await fc.assert(
        fc.asyncProperty(fc.oneof(cloneable, fc.constant(undefined), fc.constant(SHAPES[method]?.valid)), async (payload) => {
          const before = calls[method] ?? 0;
          // Accepted: plain data (not a Map, Set, Date, typed array...) that the contract's schema takes.
          const plain = typeof payload !== 'object' || payload === null || Array.isArray(payload) || [Object.prototype, null].includes(Object.getPrototypeOf(payload));
          const accepted = plain && schema.safeParse(structuredClone(payload)).success;
          const res = await ipc.invoke(method, trusted, payload === undefined ? [] : [payload]);
          stats.cases++;
          fig.requestsSent++;
          if (accepted) {
            stats.accepted++;
            expect(res).toEqual({ ok: true, value: null });
            expect(calls[method]).toBe(before + 1);
          } else {
            stats.refused++;
            fig.faultsInjected++;
            expectInvalidInput(res, `${method} random payload`);
            expect(calls[method] ?? 0).toBe(before);
          }
        }),
        assertOptions(RUNS_PER_CHANNEL - malformed),
      );

      // Another origin is refused before its payload is even looked at.
      const before = calls[method] ?? 0;
      const res = (await ipc.invoke(method, untrusted, SHAPES[method] ? [SHAPES[method]?.valid] : [])) as Result<unknown>;
      fig.requestsSent++;
      fig.faultsInjected++;
      expect(res.ok === false && res.error.code).toBe('FORBIDDEN_SENDER');
      expect(calls[method] ?? 0).toBe(before);
      stats.handlerCalls = calls[method] ?? 0;
      expect(stats.cases).toBeGreaterThanOrEqual(RUNS_PER_CHANNEL);
    });
  }

  it('a handler that throws is answered UNEXPECTED, never thrown across IPC', async () => {
    const throwing = new FakeIpcMain();
    const boom = Object.fromEntries(BRIDGE_METHODS.map((m) => [m, async () => { throw new Error(`boom ${m}`); }])) as unknown as BridgeHandlers;
    registerBridge(throwing, boom, (e) => e === trusted, silentLog);
    for (const method of BRIDGE_METHODS) {
      const shape = SHAPES[method];
      const res = (await throwing.invoke(method, trusted, shape ? [shape.valid] : [])) as Result<unknown>;
      fig.requestsSent++;
      fig.faultsInjected++;
      expect(res.ok === false && res.error.code, method).toBe('UNEXPECTED');
    }
  });
});

describe('the real handlers wired to a real backend (a smaller pass)', () => {
  let server: TestServer;
  let fp: Fingerprinter;
  const ipc = new FakeIpcMain();
  const calls: Record<string, number> = {};

  beforeAll(async () => {
    server = await startServer();
    fp = await fingerprinter(server);
    // Wired as src-main/index.ts wires them (settings kept in memory; no Electron).
    let sessionsRef: SessionManager | null = null;
    const connection = new BackendConnection(undefined, server.baseUrl, (url) => new ApiClient({ baseUrl: url, timeoutMs: 5_000, onSessionExpired: (token) => sessionsRef?.sessionExpired(token) }));
    let lastUserId: string | undefined;
    const sessions = (sessionsRef = new SessionManager({ store: new MemoryStore(), connection, lastUser: { get: () => lastUserId, set: (u) => (lastUserId = u) } }));
    const registration = new RegistrationService(sessions);
    const twoFactor = new TwoFactorService(sessions);
    let idleLockMinutes = 15;
    const settingsView = () => ({ backendUrl: connection.backendUrl, backendUrlSource: connection.backendUrlSource, idleLockMinutes, proxy: { mode: 'system' as const }, policy: { status: 'none' as const, fixed: [] } });
    const real: BridgeHandlers = {
      getAppInfo: async () => ({ ok: true, value: { appVersion: '0.0.0', electronVersion: 'none', backendUrl: connection.backendUrl, keychainAvailable: false } }),
      ...sessionBridgeHandlers(sessions, registration, twoFactor),
      // The constancia's file is the OS dialog's business; here it is never written.
      ...accountBridgeHandlers({ sessions, registration, mainWindow: () => null, saveReceipt: async () => false }),
      getSettings: async () => ({ ok: true, value: settingsView() }),
      updateSettings: async (input) => {
        if (input.idleLockMinutes !== undefined) idleLockMinutes = input.idleLockMinutes;
        return { ok: true, value: settingsView() };
      },
      testConnection: (input) => connection.test(input.backendUrl),
      retryKeychain: async () => ({ ok: true, value: { remembered: false } }),
      // The draft methods touch no backend; here they only need to answer.
      saveDraft: async () => ({ ok: true, value: null }),
      loadDraft: async () => ({ ok: true, value: { draft: null, setAside: false } }),
      discardDraft: async () => ({ ok: true, value: null }),
      getDraftStorage: async () => ({ ok: true, value: { encrypted: true, maxAgeDays: 7 } }),
      setUnsavedChanges: async () => ({ ok: true, value: null }),
      nextAppEvent: async () => ({ ok: true, value: { kind: 'flushDraft' } }),
      confirmLeave: async () => ({ ok: true, value: null }),
      getUpdateState: async () => ({ ok: true, value: { phase: 'off', currentVersion: '0.0.0', canInstall: false } }),
      installUpdate: async () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'No hay una actualización lista para instalar.' } }),
    };
    const counted = Object.fromEntries(
      BRIDGE_METHODS.map((m) => [m, (input: unknown) => (bump(calls, m), (real[m] as (i: unknown) => Promise<Result<unknown>>)(input))]),
    ) as unknown as BridgeHandlers;
    registerBridge(ipc, counted, (e) => e === trusted, silentLog);
    const login = (await ipc.invoke('login', trusted, [{ userId: 'jperez', password: DEMO_PASSWORD }])) as Result<unknown>;
    expect(login.ok).toBe(true);
  });

  afterAll(async () => {
    await fp?.close();
    await server?.close();
  });

  it(`${REAL_RUNS_PER_CHANNEL} malformed payloads per channel: INVALID_INPUT, handler not reached, backend database unchanged, session still good`, async () => {
    const start = (await fp.take()).strict;
    const callsBefore = { ...calls };
    for (const method of BRIDGE_METHODS) {
      await fc.assert(
        fc.asyncProperty(malformedFor(SHAPES[method]), async ({ how, args }) => {
          const res = await ipc.invoke(method, trusted, args);
          fig.requestsSent++;
          fig.faultsInjected++;
          expectInvalidInput(res, `real ${method} (${how})`);
        }),
        assertOptions(REAL_RUNS_PER_CHANNEL),
      );
    }
    expect(calls).toEqual(callsBefore);
    expect((await fp.take()).strict).toBe(start);
    const reg = (await ipc.invoke('getRegistration', trusted, [])) as Result<{ userId: string }>;
    expect(reg.ok && reg.value.userId).toBe('jperez');
    fig.details.realHandlerCases = REAL_RUNS_PER_CHANNEL * BRIDGE_METHODS.length;
  });
});
