import { UpdateService } from './update-service';
import { resolveUpdateFeed } from './update-feed';
import { createUpdater } from './create-updater';
import type { PolicyLoad } from '../policy/machine-policy';

/** Wires the update module at start-up: feed from policy or settings, the platform's updater, the periodic check. */
export function startUpdates(opts: {
  policy: PolicyLoad;
  settingsFeedUrl: string | undefined;
  currentVersion: string;
  isPackaged: boolean;
  log: { info(m: string): void; warn(m: string): void; error(m: string): void };
}): UpdateService {
  const feed = resolveUpdateFeed(opts.policy, opts.settingsFeedUrl);
  const made = feed.enabled ? createUpdater(feed.url, { isPackaged: opts.isPackaged, platform: process.platform, log: opts.log }) : null;
  opts.log.info(feed.enabled ? `updates: feed ${feed.url} (${feed.source})${made ? '' : ', no updater for this build'}` : `updates off: ${feed.reason}`);
  const service = new UpdateService(feed, made?.engine ?? null, { currentVersion: opts.currentVersion, canInstall: made?.canInstall ?? false, log: opts.log });
  service.start();
  return service;
}
