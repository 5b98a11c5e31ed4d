import { UPDATE_MESSAGES, type UpdateState } from '../../src-shared/contract/update';
import { updateErrorMessage } from './update-errors';
import type { UpdateFeed } from './update-feed';

/** Every few hours: an office workstation stays on all week, a check at start alone would miss releases. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** The first check waits a moment so it does not compete with the start-up itself. */
export const FIRST_CHECK_DELAY_MS = 2_000;

/** The part of electron-updater's AppUpdater this service uses (a fake in the unit tests). */
export interface UpdaterEngine {
  on(event: string, listener: (...args: never[]) => void): unknown;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Checks the feed at start and every UPDATE_CHECK_INTERVAL_MS, downloads in the background (electron-updater verifies
 * the sha512 of latest-*.yml and deletes a file that does not match) and keeps the state the renderer shows.
 */
export class UpdateService {
  private current: UpdateState;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly feed: UpdateFeed,
    private readonly engine: UpdaterEngine | null,
    private readonly opts: { currentVersion: string; canInstall: boolean; log: Logger; setTimer?: typeof setTimeout; setRepeat?: typeof setInterval },
  ) {
    const base = { currentVersion: opts.currentVersion, canInstall: opts.canInstall };
    if (!feed.enabled || !engine) {
      const message = feed.enabled ? UPDATE_MESSAGES.noFeed : feed.reason === 'policy' ? UPDATE_MESSAGES.disabledByPolicy : UPDATE_MESSAGES.noFeed;
      this.current = { ...base, phase: 'off', message };
      return;
    }
    this.current = { ...base, phase: 'idle', feedSource: feed.source };
    engine.on('checking-for-update', () => this.set({ phase: 'checking' }));
    engine.on('update-not-available', () => this.set({ phase: 'idle', version: undefined }));
    engine.on('update-available', (info: { version: string }) =>
      this.set({ phase: 'downloading', version: info.version, percent: 0, transferredBytes: 0, totalBytes: undefined, message: UPDATE_MESSAGES.available(info.version) }),
    );
    engine.on('download-progress', (p: { percent: number; transferred: number; total: number }) =>
      this.set({ phase: 'downloading', percent: Math.max(0, Math.min(100, p.percent)), transferredBytes: p.transferred, totalBytes: p.total }),
    );
    engine.on('update-downloaded', (info: { version: string }) =>
      this.set({ phase: 'ready', version: info.version, percent: 100, message: UPDATE_MESSAGES.ready(info.version) }),
    );
    engine.on('error', (err: Error) => this.failed(err));
  }

  state(): UpdateState {
    return this.current;
  }

  /** The first check soon after start, then every few hours. */
  start(): void {
    if (this.current.phase === 'off') return;
    (this.opts.setTimer ?? setTimeout)(() => void this.check(), FIRST_CHECK_DELAY_MS).unref?.();
    this.timer = (this.opts.setRepeat ?? setInterval)(() => void this.check(), UPDATE_CHECK_INTERVAL_MS);
    this.timer.unref?.();
  }

  async check(): Promise<void> {
    // A download in progress or waiting for the restart is not restarted by the periodic check.
    if (!this.engine || this.current.phase === 'off' || this.current.phase === 'downloading' || this.current.phase === 'ready') return;
    if (this.current.phase === 'checking') return;
    try {
      const result = await this.engine.checkForUpdates();
      // Its failure arrives as an 'error' event too; this only keeps it from being an unhandled rejection.
      result?.downloadPromise?.catch(() => undefined);
    } catch (err) {
      this.failed(err);
    }
  }

  /** "Reiniciar y actualizar": installs the verified download and starts the new version. */
  installNow(): boolean {
    if (!this.engine || this.current.phase !== 'ready' || !this.opts.canInstall) return false;
    this.opts.log.info(`update: installing ${this.current.version} and restarting`);
    this.engine.quitAndInstall(true, true);
    return true;
  }

  private failed(err: unknown): void {
    const during = this.current.phase === 'downloading' ? 'download' : this.current.phase === 'ready' ? 'install' : 'check';
    this.opts.log.warn(`update ${during} failed: ${err instanceof Error ? err.message : String(err)}`);
    this.set({ phase: 'error', percent: undefined, message: updateErrorMessage(err, during, this.current.version) });
  }

  private set(patch: Partial<UpdateState>): void {
    this.current = { ...this.current, ...patch };
  }
}
