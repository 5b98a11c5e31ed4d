import { shell, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import { isAllowedExternalLink } from './external-links';

/**
 * Every web contents may only show the app itself: navigation elsewhere, new windows and
 * <webview> are refused; an allow-listed https link opens in the system browser.
 */
export function hardenWebContents(contents: WebContents, log: (msg: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`navigation refused: ${url}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    else log(`window.open refused: ${url}`);
    return { action: 'deny' };
  });
}
