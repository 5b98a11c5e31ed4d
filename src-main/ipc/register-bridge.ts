import type { IpcMainInvokeEvent } from 'electron';
import {
  BRIDGE_METHODS,
  bridgeChannel,
  bridgeInputSchema,
  type BridgeCallContext,
  fieldErrorsFrom,
  type BridgeMethodName,
  type Result,
} from '../../src-shared/contract';
import { contractError } from '../api/error-mapping';
import type { BridgeHandlers } from './bridge-handlers';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface BridgeLog {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/**
 * Calls whose success is routine and frequent (reads, the draft autosave): their ok outcome is not logged. A log
 * line is a synchronous file append (~55 µs of this thread per call, issue #15), and one per autosave buried what
 * matters. Their failures, and every outcome of the other methods, are logged.
 */
export const QUIET_WHEN_OK: ReadonlySet<BridgeMethodName> = new Set<BridgeMethodName>([
  'getAppInfo',
  'getRegistration',
  'getSettings',
  'getUpdateState',
  'listSessions',
  'getActivity',
  'getDraftStorage',
  'listRememberedUsers',
  'loadDraft',
  'saveDraft',
  'setUnsavedChanges',
]);

/**
 * Registers one `ipcMain.handle` per bridge method. Each call is refused unless it comes from the
 * app's own top frame, its payload is validated with the contract's schema, and any exception is
 * answered as an error value: nothing is thrown across IPC.
 */
export function registerBridge(
  ipcMain: IpcMainLike,
  handlers: BridgeHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: BridgeLog,
  /** Who is signed in when a call arrives (the password policy of "Modificar" depends on it). */
  callContext: () => BridgeCallContext = () => ({ userId: null }),
): () => void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(bridgeChannel(method), async (event, ...args) =>
      dispatch(method, event, args, handlers, isTrustedSender, log, callContext),
    );
  }
  return () => BRIDGE_METHODS.forEach((m) => ipcMain.removeHandler(bridgeChannel(m)));
}

async function dispatch(
  method: BridgeMethodName,
  event: IpcMainInvokeEvent,
  args: unknown[],
  handlers: BridgeHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: BridgeLog,
  callContext: () => BridgeCallContext,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event)) {
    log.warn(`IPC ${method} refused: untrusted sender`, event.senderFrame?.url);
    return { ok: false, error: contractError('FORBIDDEN_SENDER') };
  }
  if (args.length > 1 || !isPlainPayload(args[0])) return { ok: false, error: contractError('INVALID_INPUT') };
  let parsed;
  try {
    parsed = bridgeInputSchema(method, callContext()).safeParse(args[0]);
  } catch (err) {
    // A schema refinement that throws on a hostile payload is still the payload's fault: answer, never throw.
    log.error(`IPC ${method}: payload check failed`, err);
    return { ok: false, error: contractError('INVALID_INPUT') };
  }
  if (!parsed.success) {
    return { ok: false, error: { ...contractError('INVALID_INPUT'), fields: fieldErrorsFrom(parsed.error) } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<Result<unknown>>;
    const result = await handler(parsed.data);
    // The outcome only: payloads and values may hold secrets.
    if (!result.ok || !QUIET_WHEN_OK.has(method)) log.info(`IPC ${method}: ${result.ok ? 'ok' : result.error.code}`);
    return result;
  } catch (err) {
    log.error(`IPC ${method} failed`, err);
    return { ok: false, error: contractError('UNEXPECTED') };
  }
}

/**
 * IPC's structured clone also carries Map, Set, Date, typed arrays and Error objects, and a zod
 * object schema takes any of them for an empty object: a Set would pass as `updateSettings({})`.
 * A payload is a plain object (or a primitive / array, which the schema judges).
 */
function isPlainPayload(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return true;
  const proto: unknown = Object.getPrototypeOf(payload);
  return proto === Object.prototype || proto === null;
}
