import type { WebContents } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol';

/**
 * Keeps the app window on the app's own origin. `will-navigate` (harden-web-contents.ts) refuses
 * most navigations, but Electron 25 does not fire it for about:blank / about:srcdoc and a few
 * other page-initiated ones, and cannot cancel them: when one commits or leaves Chromium's error
 * page, the app is loaded again (the session lives in the main process; typed values in the draft).
 */
export function keepOnAppOrigin(contents: WebContents, log: (msg: string) => void): void {
  const backToApp = (what: string, url: string) => {
    log(`${what} outside the app, loading the app again: ${url.slice(0, 200)}`);
    void contents.loadURL(APP_ENTRY_URL);
  };
  contents.on('did-navigate', (_event, url) => {
    if (!isAppUrl(url)) backToApp('navigation committed', url);
  });
  // A refused load (about:srcdoc, a blocked scheme) leaves Chromium's error page in the window,
  // whose URL stays the app's own: the failure event is the only sign of it.
  contents.on('did-fail-load', (_event, code, _description, url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation replaced by another one, e.g. by this guard's own load.
    if (isMainFrame && code !== -3 && !isAppUrl(url)) backToApp(`load failed (${code})`, url);
  });
}
