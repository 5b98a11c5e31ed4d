import { DebUpdater, MacUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import type { UpdaterEngine } from './update-service';

interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * electron-updater's updater for how this copy was installed, pointed at the feed. Linux: the .deb
 * (scripts/package-deb.sh) is the installer an IT department deploys, so DebUpdater (dpkg -i, through pkexec/sudo
 * unless already root). Returns null where nothing can be updated: a development run, or a platform without one.
 */
export function createUpdater(feedUrl: string, opts: { isPackaged: boolean; platform: NodeJS.Platform; log: Logger }): { engine: UpdaterEngine; canInstall: boolean } | null {
  if (!opts.isPackaged) return null;
  const options = { provider: 'generic' as const, url: feedUrl };
  let updater: AppUpdater;
  if (opts.platform === 'linux') updater = new DebUpdater(options);
  else if (opts.platform === 'win32') updater = new NsisUpdater(options);
  else if (opts.platform === 'darwin') updater = new MacUpdater(options);
  else return null;
  updater.logger = opts.log;
  updater.autoDownload = true;
  // "Installs on the next restart": a verified download is installed when the app quits.
  updater.autoInstallOnAppQuit = true;
  // Only the full file, checked against the feed's sha512 (no block-map patching of the installed package).
  updater.disableDifferentialDownload = true;
  updater.allowDowngrade = false;
  return { engine: updater as unknown as UpdaterEngine, canInstall: true };
}
