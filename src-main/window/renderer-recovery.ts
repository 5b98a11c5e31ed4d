import type { BrowserWindow } from 'electron';

/**
 * When the page crashes or is killed, the window reloads it (issue 9). The session lives in the
 * main process and survives; the page finds the user signed in and offers the draft.
 */
export function recoverFromRendererCrash(
  win: BrowserWindow,
  onGone: () => void,
  log: { warn(message: string, ...details: unknown[]): void },
): void {
  win.webContents.on('render-process-gone', (_event, details) => {
    log.warn(`renderer gone (${details.reason}, exit code ${details.exitCode}): reloading`);
    onGone();
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    win.webContents.reload();
  });
}
