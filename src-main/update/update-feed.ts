import { checkBackendUrl } from '../api/backend-url';
import { updatesAllowed, type PolicyLoad } from '../policy/machine-policy';

export type UpdateFeed =
  | { enabled: true; url: string; source: 'policy' | 'settings' }
  | { enabled: false; reason: 'policy' | 'no-feed' | 'invalid-feed' };

/**
 * Which update feed the app checks. The machine policy wins: `updates.enabled: false` (or a refused policy file)
 * turns updates off whatever settings.json says, and its `updates.feedUrl` replaces the user's. A feed URL from
 * settings.json obeys the backend's rule (https, plain http only to this machine): an update is code the app will
 * run, so it must not come over a network anyone can tamper with.
 */
export function resolveUpdateFeed(policy: PolicyLoad, settingsFeedUrl: string | undefined): UpdateFeed {
  if (!updatesAllowed(policy)) return { enabled: false, reason: 'policy' };
  const pinned = policy.policy.updates?.feedUrl;
  if (pinned !== undefined) return { enabled: true, url: withSlash(pinned), source: 'policy' };
  if (settingsFeedUrl === undefined || settingsFeedUrl.trim() === '') return { enabled: false, reason: 'no-feed' };
  const check = checkBackendUrl(settingsFeedUrl);
  if (!check.ok) return { enabled: false, reason: 'invalid-feed' };
  return { enabled: true, url: withSlash(check.url), source: 'settings' };
}

// The generic provider resolves latest-linux.yml against the feed URL: without the slash, the last path segment
// would be replaced instead of kept.
function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
