import { app } from 'electron';
import log from 'electron-log/main';
import { join } from 'node:path';
import { redact } from './redact';

/**
 * electron-log in the main process, writing to the platform's log folder (macOS ~/Library/Logs,
 * elsewhere the app's data folder), with every message passed through the redaction first.
 * Main process only: `log.initialize()` is not called, since it would inject electron-log's own
 * preload into the page, and the page must see nothing but `window.ecuapass`.
 */
export function setUpLogging(): typeof log {
  app.setAppLogsPath();
  const file = join(app.getPath('logs'), 'main.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.ECUAPASS_LOG_CONSOLE ? 'info' : false;
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => redact(d)) }));
  return log;
}

export function logFolder(): string {
  return app.getPath('logs');
}
