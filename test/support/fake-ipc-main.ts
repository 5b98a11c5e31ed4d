import type { IpcMainInvokeEvent } from 'electron';
import type { IpcMainLike } from '../../src-main/ipc/register-bridge';

export type IpcListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** ipcMain for unit tests: one handler per channel (a second one is a bug), invoked directly. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, IpcListener>();
  handle(channel: string, listener: IpcListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** As ipcRenderer.invoke sees it: a channel nobody handles rejects. */
  invokeChannel(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener(event, ...args);
  }
}
