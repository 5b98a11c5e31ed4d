import type { IpcMainInvokeEvent } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lateBoundIpc } from '../../../src-main/ipc/late-bound-ipc';
import { deferredLog } from '../../../src-main/logging/deferred-log';
import { mayNameUserToRestore } from '../../../src-main/settings/last-user-peek';
import { loadedOnFirstUse } from '../../../src-main/update/create-updater';
import { FakeIpcMain as SharedFakeIpcMain } from '../../support/fake-ipc-main';

/**
 * Issue #15: the window opens before the services that answer the bridge are loaded. A call that
 * arrives early waits for its handler (never "no handler registered"), only restoreSession with
 * nobody to restore is answered at once, and nothing logged before electron-log exists is lost.
 */

class FakeIpcMain extends SharedFakeIpcMain {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.invokeChannel(channel, {} as IpcMainInvokeEvent, ...args);
  }
}

describe('lateBoundIpc', () => {
  it('a call made before its handler is bound waits for it and gets its answer', async () => {
    const ipc = new FakeIpcMain();
    const late = lateBoundIpc(ipc, ['a', 'b']);
    const early = ipc.invoke('a', 1);
    let settled = false;
    void early.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    late.handle('a', async (_e, x) => ({ got: x }));
    await expect(early).resolves.toEqual({ got: 1 });
    await expect(ipc.invoke('a', 2)).resolves.toEqual({ got: 2 });
  });

  it('an early answer is used only while the real handler is missing, and only when it gives one', async () => {
    const ipc = new FakeIpcMain();
    const late = lateBoundIpc(ipc, ['r'], { r: (_e, args) => (args[0] === undefined ? { ok: true, value: null } : undefined) });
    await expect(ipc.invoke('r', undefined)).resolves.toEqual({ ok: true, value: null });
    const withPayload = ipc.invoke('r', { x: 1 });
    late.handle('r', async () => 'real');
    await expect(withPayload).resolves.toBe('real');
    await expect(ipc.invoke('r', undefined)).resolves.toBe('real');
  });

  it('channels it does not hold are registered on ipcMain directly', async () => {
    const ipc = new FakeIpcMain();
    const late = lateBoundIpc(ipc, ['a']);
    late.handle('other', async () => 'direct');
    await expect(ipc.invoke('other')).resolves.toBe('direct');
    late.removeHandler('a');
    await expect(ipc.invoke('a')).rejects.toThrow(/No handler/);
  });
});

describe('deferredLog', () => {
  it('keeps what is logged before electron-log is attached, in order, then passes straight through', () => {
    const log = deferredLog();
    log.warn('navigation refused: https://x');
    log.error('uncaught', 'detail');
    const real = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    log.attach(real);
    expect(real.warn).toHaveBeenCalledWith('navigation refused: https://x');
    expect(real.error).toHaveBeenCalledWith('uncaught', 'detail');
    log.info('later');
    expect(real.info).toHaveBeenCalledWith('later');
  });
});

describe('mayNameUserToRestore (settings.json read before the settings schema is loaded)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content?: string) => {
    dir = mkdtempSync(join(tmpdir(), 'peek-'));
    const p = join(dir, 'settings.json');
    if (content !== undefined) writeFileSync(p, content);
    return p;
  };
  it('no file, not JSON, no or empty lastUserId: nobody to restore', () => {
    expect(mayNameUserToRestore(file())).toBe(false);
    expect(mayNameUserToRestore(file('{not json'))).toBe(false);
    expect(mayNameUserToRestore(file('{"idleLockMinutes": 5}'))).toBe(false);
    expect(mayNameUserToRestore(file('{"lastUserId": ""}'))).toBe(false);
    expect(mayNameUserToRestore(file('null'))).toBe(false);
  });
  it('a lastUserId: the services decide (even if the rest of the file is invalid)', () => {
    expect(mayNameUserToRestore(file('{"lastUserId": "jperez"}'))).toBe(true);
    expect(mayNameUserToRestore(file('{"lastUserId": "jperez", "bogus": 1}'))).toBe(true);
  });
});

describe('loadedOnFirstUse (electron-updater loaded at the first check)', () => {
  it('does not load the updater until a check, then attaches the listeners given before', async () => {
    const on = vi.fn();
    const updater = { on, checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn() };
    const load = vi.fn(async () => updater as never);
    const engine = loadedOnFirstUse(load);
    const listener = () => undefined;
    engine.on('error', listener);
    engine.quitAndInstall(true, true);
    expect(load).not.toHaveBeenCalled();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    await engine.checkForUpdates();
    await engine.checkForUpdates();
    expect(load).toHaveBeenCalledTimes(1);
    expect(on).toHaveBeenCalledWith('error', listener);
    engine.on('update-downloaded', listener);
    expect(on).toHaveBeenCalledWith('update-downloaded', listener);
    engine.quitAndInstall(true, true);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });
});
