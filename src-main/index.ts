// First import: its module records the moment the main bundle starts evaluating.
import { startupMark } from './startup-marks';
import { app, type BrowserWindow, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { BRIDGE_METHODS, bridgeChannel } from '../src-shared/contract/bridge-methods';
import { lateBoundIpc } from './ipc/late-bound-ipc';
import { mayNameUserToRestore } from './settings/last-user-peek';
import { deferredLog } from './logging/deferred-log';
import { APP_SCHEME, appFileHeaders, appFileOf, isAppUrl } from './window/app-protocol';
import { hardenWebContents } from './window/harden-web-contents';
import { createMainWindow } from './window/main-window';
import { buildAppMenu } from './window/app-menu';
import type { startServices as StartServices } from './app-services';

// The start-up entry (issue #15): only what the first window needs is loaded before it opens. The services
// (settings, policy, logging, keychain, backend, drafts, updates) load from their own chunk while the page starts,
// and every bridge call made before they are ready waits for them.

// A test or a portable install may choose its own data folder.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);

const log = deferredLog();
// An uncaught error in the main process is logged; the app (and the draft on disk) goes on.
process.on('uncaughtException', (err) => log.error('uncaught exception in the main process', err));
process.on('unhandledRejection', (err) => log.error('unhandled rejection in the main process', err));

// Must happen before 'ready': the app:// scheme behaves like https (standard, secure origin).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Every renderer sandboxed. Skipped only when Chromium's OS sandbox is switched off altogether
// (--no-sandbox, e.g. CI running as root), where forcing it makes the utility processes abort.
if (!app.commandLine.hasSwitch('no-sandbox')) app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

/** How long after the window is shown the services start loading (nobody to restore), see start(). */
const SERVICES_AFTER_SHOW_MS = 250;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (m) => log.warn(m)));
  app.on('window-all-closed', () => app.quit());
  // In the log, a quit that does not end shows where it stopped.
  app.on('before-quit', () => log.info('quit requested'));
  app.on('will-quit', () => log.info('quitting'));
  app.whenReady().then(start).catch((err: unknown) => {
    log.error('start-up failed', err);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  startupMark('app-ready');
  // No page of ours needs a camera, notifications, location...: every request is denied.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const rendererDir = join(__dirname, '../renderer');
  // Served by Electron's own file loader: this thread only names the file. protocol.handle streamed every file
  // through a JS Response on this thread, which put the page's document and scripts ~40 ms behind a bare window's
  // file:// load (issue #15). Deprecated after Electron 25 in favour of protocol.handle: revisit when upgrading.
  protocol.registerFileProtocol(APP_SCHEME, (request, callback) => {
    const found = appFileOf(rendererDir, request.url);
    if (found === 'not-found') return callback({ error: -6 });
    if (found === 'forbidden') return callback({ error: -10 });
    callback({ path: found.file, headers: appFileHeaders(found.file) });
  });
  // Nobody to restore (settings.json names no last user): the login needs nothing of the services, so the page is
  // served and restoreSession answered before they load; they then load while the login paints. With a user to
  // restore they are needed at once.
  const restoreNeedsServices = mayNameUserToRestore(join(app.getPath('userData'), 'settings.json'));
  let loadServices: () => void = () => undefined;
  const servicesWanted = new Promise<void>((resolve) => (loadServices = resolve));
  // The bridge's channels exist before the page does; their handlers arrive with the services.
  const ipc = lateBoundIpc(ipcMain, BRIDGE_METHODS.map(bridgeChannel), {
    // The answer the services give too when nobody is to be restored; a payload (there should be none) waits for
    // them and their checks.
    [bridgeChannel('restoreSession')]: (event, args) => {
      if (restoreNeedsServices || !isAppFrame(event) || args.length > 1 || args[0] !== undefined) return undefined;
      return { ok: true, value: null };
    },
  });

  // The Spanish menu (Salir / Ctrl+Q, no Recargar) from the first moment; "Acerca de" tells more once the services
  // know the backend and the keychain.
  let about = () => `Ecuapass Desktop ${app.getVersion()}`;
  Menu.setApplicationMenu(buildAppMenu(() => mainWindow, () => about()));

  const win = createMainWindow(join(__dirname, '../preload/index.js'), (m) => log.warn(m));
  mainWindow = win;
  startupMark('window-created');
  win.webContents.once('dom-ready', () => startupMark('renderer-dom-ready'));
  win.once('ready-to-show', () => startupMark('ready-to-show'));
  win.on('closed', () => {
    mainWindow = null;
  });

  if (restoreNeedsServices) loadServices();
  else {
    // Loading them keeps this thread busy for ~100 ms (parsing their bundle, reading settings and policy), and this
    // thread is also Chromium's UI thread, which shows the window, gives it the focus and relays the first frames:
    // they load a moment after the window has been shown with the login painted (ready-to-show is delivered here,
    // the focus and the first frames a few ms later), or after two seconds whatever happens. Nobody can log in
    // that fast, and a bridge call made meanwhile waits for them.
    win.once('show', () => setTimeout(loadServices, SERVICES_AFTER_SHOW_MS));
    setTimeout(loadServices, 2_000);
  }
  await servicesWanted;
  // A bundle of its own (vite.app-services.config.mts), required by path so that the start-up bundle holds none of it.
  const { startServices } = require(join(__dirname, 'app-services.js')) as { startServices: typeof StartServices };
  startupMark('services-loaded');
  await startServices({ win, mainWindow: () => mainWindow, ipc, log, isAppFrame, setAbout: (text) => (about = text) });
  startupMark('bridge-ready');
}

/** Only the top frame of our own window, showing our own origin, may call the bridge. */
function isAppFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!mainWindow || event.sender !== mainWindow.webContents || !frame) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}
