import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { UPDATE_CHECK_INTERVAL_MS, UpdateService, type UpdaterEngine } from '../../../src-main/update/update-service';
import { UpdateStateSchema } from '../../../src-shared/contract';

class FakeEngine extends EventEmitter {
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  download: Promise<unknown> | null = null;
  async checkForUpdates() {
    this.checks++;
    return { downloadPromise: this.download };
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

const log = { info: () => undefined, warn: () => undefined };
const feed = { enabled: true as const, url: 'https://updates.example/', source: 'policy' as const };
const service = (engine: FakeEngine | null, f: ConstructorParameters<typeof UpdateService>[0] = feed) =>
  new UpdateService(f, engine as unknown as UpdaterEngine | null, { currentVersion: '0.1.0', canInstall: true, log });

describe('UpdateService', () => {
  it('follows check, download with progress and verified download, and installs only then', () => {
    const engine = new FakeEngine();
    const s = service(engine);
    expect(s.installNow()).toBe(false);
    engine.emit('checking-for-update');
    expect(s.state().phase).toBe('checking');
    engine.emit('update-available', { version: '0.2.0' });
    expect(s.state()).toMatchObject({ phase: 'downloading', version: '0.2.0', percent: 0, message: 'Está disponible la versión 0.2.0.' });
    engine.emit('download-progress', { percent: 42.5, transferred: 425, total: 1000 });
    expect(s.state()).toMatchObject({ phase: 'downloading', percent: 42.5, transferredBytes: 425, totalBytes: 1000 });
    expect(s.installNow()).toBe(false);
    engine.emit('update-downloaded', { version: '0.2.0' });
    expect(s.state()).toMatchObject({ phase: 'ready', message: expect.stringContaining('Se instalará al reiniciar') });
    expect(UpdateStateSchema.safeParse(s.state()).success).toBe(true);
    expect(s.installNow()).toBe(true);
    expect(engine.installs).toEqual([[true, true]]);
  });

  it('says in Spanish that a download whose sha512 does not match was refused, and nothing is ready to install', () => {
    const engine = new FakeEngine();
    const s = service(engine);
    engine.emit('update-available', { version: '0.2.0' });
    engine.emit('error', Object.assign(new Error('sha512 checksum mismatch, expected abc, got def'), { code: 'ERR_CHECKSUM_MISMATCH' }));
    expect(s.state()).toMatchObject({ phase: 'error', message: 'La descarga de la versión 0.2.0 no coincide con la firma publicada (sha512) y se descartó. No se instaló nada.' });
    expect(s.installNow()).toBe(false);
    expect(engine.installs).toEqual([]);
  });

  it('tells a failed check apart from a broken download', () => {
    const engine = new FakeEngine();
    const s = service(engine);
    engine.emit('checking-for-update');
    engine.emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
    expect(s.state().message).toBe('No se pudo comprobar si hay actualizaciones. Se volverá a intentar más tarde.');
    engine.emit('update-available', { version: '0.3.0' });
    engine.emit('error', new Error('Request timed out'));
    expect(s.state().message).toContain('No se pudo completar la descarga de la versión 0.3.0');
  });

  it('checks at start and every few hours, but not while a download runs or waits for the restart', async () => {
    const engine = new FakeEngine();
    const timers: Array<() => void> = [];
    const repeats: Array<[() => void, number | undefined]> = [];
    const s = new UpdateService(feed, engine as unknown as UpdaterEngine, {
      currentVersion: '0.1.0',
      canInstall: true,
      log,
      setTimer: ((fn: () => void) => (timers.push(fn), { unref() {} })) as unknown as typeof setTimeout,
      setRepeat: ((fn: () => void, ms?: number) => (repeats.push([fn, ms]), { unref() {} })) as unknown as typeof setInterval,
    });
    s.start();
    expect(repeats[0]?.[1]).toBe(UPDATE_CHECK_INTERVAL_MS);
    expect(UPDATE_CHECK_INTERVAL_MS).toBeLessThanOrEqual(12 * 60 * 60 * 1000);
    timers[0]!();
    await vi.waitFor(() => expect(engine.checks).toBe(1));
    engine.emit('update-available', { version: '0.2.0' });
    repeats[0]![0]();
    await Promise.resolve();
    expect(engine.checks).toBe(1);
    engine.emit('update-downloaded', { version: '0.2.0' });
    repeats[0]![0]();
    await Promise.resolve();
    expect(engine.checks).toBe(1);
  });

  it('a rejected background download does not become an unhandled rejection', async () => {
    const engine = new FakeEngine();
    engine.download = Promise.reject(new Error('sha512 checksum mismatch'));
    const s = service(engine);
    await s.check();
    await new Promise((r) => setTimeout(r, 10));
    expect(engine.checks).toBe(1);
  });

  it('is off, and never checks, when the policy turned updates off or no updater exists', async () => {
    const engine = new FakeEngine();
    const off = service(engine, { enabled: false, reason: 'policy' });
    expect(off.state()).toMatchObject({ phase: 'off', message: 'Su organización desactivó las actualizaciones automáticas.' });
    off.start();
    await off.check();
    expect(engine.checks).toBe(0);
    expect(service(null).state().phase).toBe('off');
  });
});
