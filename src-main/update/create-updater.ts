import type { AppUpdater } from 'electron-updater';
import type { UpdaterEngine } from './update-service';

interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

type Platform = 'linux' | 'win32' | 'darwin';

/**
 * electron-updater's updater for how this copy was installed, pointed at the feed. Linux: the .deb
 * (scripts/package-deb.sh) is the installer an IT department deploys, so DebUpdater (dpkg -i, through pkexec/sudo
 * unless already root). Returns null where nothing can be updated: a development run, or a platform without one.
 * electron-updater itself (a third of the main process's code) is loaded at the first check, not at start-up.
 */
export function createUpdater(feedUrl: string, opts: { isPackaged: boolean; platform: NodeJS.Platform; log: Logger }): { engine: UpdaterEngine; canInstall: boolean } | null {
  if (!opts.isPackaged) return null;
  const platform = opts.platform;
  if (platform !== 'linux' && platform !== 'win32' && platform !== 'darwin') return null;
  return { engine: loadedOnFirstUse(() => makeUpdater(feedUrl, platform, opts.log)), canInstall: true };
}

async function makeUpdater(feedUrl: string, platform: Platform, log: Logger): Promise<AppUpdater> {
  const { DebUpdater, MacUpdater, NsisUpdater } = await import('electron-updater');
  const options = { provider: 'generic' as const, url: feedUrl };
  const updater = platform === 'linux' ? new DebUpdater(options) : platform === 'win32' ? new NsisUpdater(options) : new MacUpdater(options);
  updater.logger = log;
  updater.autoDownload = true;
  // "Installs on the next restart": a verified download is installed when the app quits.
  updater.autoInstallOnAppQuit = true;
  // Only the full file, checked against the feed's sha512 (no block-map patching of the installed package).
  updater.disableDifferentialDownload = true;
  updater.allowDowngrade = false;
  return updater;
}

/**
 * An UpdaterEngine whose updater is made at the first check: listeners given before are attached
 * to it then. quitAndInstall is only reachable once a download is ready, i.e. after a check.
 */
export function loadedOnFirstUse(load: () => Promise<AppUpdater>): UpdaterEngine {
  const listeners: Array<[string, (...args: never[]) => void]> = [];
  let updater: AppUpdater | null = null;
  let loading: Promise<AppUpdater> | null = null;
  const ready = () =>
    (loading ??= load().then((u) => {
      for (const [event, listener] of listeners) u.on(event as 'error', listener as () => void);
      updater = u;
      return u;
    }));
  return {
    on(event, listener) {
      if (updater) updater.on(event as 'error', listener as () => void);
      else listeners.push([event, listener]);
      return this;
    },
    async checkForUpdates() {
      return (await ready()).checkForUpdates();
    },
    quitAndInstall(isSilent, isForceRunAfter) {
      updater?.quitAndInstall(isSilent, isForceRunAfter);
    },
  };
}
