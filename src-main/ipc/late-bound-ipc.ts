import type { IpcMainInvokeEvent } from 'electron';
import type { IpcMainLike } from './register-bridge';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/**
 * Answers a call before the real handler exists, or returns undefined to let it wait. Only for
 * answers the real handler would give too (e.g. restoreSession with nobody to restore).
 */
export type EarlyAnswer = (event: IpcMainInvokeEvent, args: unknown[]) => unknown;

/**
 * Holds `channels` open on `ipcMain` before their handlers exist: a call that arrives first waits
 * for the handler instead of failing with "no handler registered". The start-up entry opens the
 * window before the services that answer the bridge have loaded (issue #15); registerBridge then
 * binds the real handlers through the returned object. Other channels pass straight through.
 */
export function lateBoundIpc(
  ipcMain: IpcMainLike,
  channels: readonly string[],
  early: Partial<Record<string, EarlyAnswer>> = {},
): IpcMainLike {
  const bound = new Map<string, Listener>();
  const waiting = new Map<string, Array<(listener: Listener) => void>>();
  const listenerFor = (channel: string): Promise<Listener> | Listener =>
    bound.get(channel) ?? new Promise((resolve) => waiting.set(channel, [...(waiting.get(channel) ?? []), resolve]));
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!bound.has(channel)) {
        const answer = early[channel]?.(event, args);
        if (answer !== undefined) return answer;
      }
      return (await listenerFor(channel))(event, ...args);
    });
  }
  const held = new Set(channels);
  return {
    handle(channel, listener) {
      if (!held.has(channel)) return ipcMain.handle(channel, listener);
      bound.set(channel, listener);
      for (const resolve of waiting.get(channel) ?? []) resolve(listener);
      waiting.delete(channel);
    },
    removeHandler(channel) {
      if (!held.has(channel)) return ipcMain.removeHandler(channel);
      held.delete(channel);
      bound.delete(channel);
      ipcMain.removeHandler(channel);
    },
  };
}
