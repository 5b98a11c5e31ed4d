import { app, type BrowserWindow, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { ApiClient } from './api/api-client';
import { BackendConnection } from './api/backend-connection';
import { DRAFT_MAX_AGE_DAYS } from '../src-shared/contract';
import { appInfo } from './app-info';
import { logFolder, setUpLogging } from './logging/logger';
import { aboutText } from './window/about-text';
import { buildAppMenu } from './window/app-menu';
import { registerBridge } from './ipc/register-bridge';
import { deferredHandlers } from './ipc/deferred-handlers';
import { sessionBridgeHandlers } from './ipc/session-handlers';
import { RegistrationService } from './registration/registration-service';
import type { BridgeHandlers } from './ipc/bridge-handlers';
import { KEYCHAIN_SERVICE } from './session/secure-store';
import { KeychainHostClient } from './session/keychain-host/host-client';
import { HelperKeychainStore } from './session/keychain-host/helper-keychain-store';
import { spawnKeychainHelper } from './session/keychain-host/spawn-helper';
import { SessionManager } from './session/session-manager';
import { SettingsFile, type AppSettings } from './settings/app-settings';
import { APP_SCHEME, isAppUrl, serveAppRequest } from './window/app-protocol';
import { hardenWebContents } from './window/harden-web-contents';
import { createMainWindow } from './window/main-window';
import { loadPolicyForApp } from './policy/load-for-app';
import { policyState } from './policy/machine-policy';
import { SettingsService } from './settings/settings-service';
import { draftHandlers, withDraftCleanup } from './drafts/draft-handlers';
import { setUpDrafts } from './drafts/set-up-drafts';
import { createNetwork } from './proxy/network';
import { PROXY_KEYCHAIN_SERVICE } from './proxy/proxy-credentials';
import { SYSTEM_PROXY } from '../src-shared/contract';
import { startUpdates } from './update/start-updates';

// A test or a portable install may choose its own data folder.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);

const log = setUpLogging();
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
  app.whenReady().then(start, (err: unknown) => {
    log.error('start-up failed', err);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // No page of ours needs a camera, notifications, location...: every request is denied.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const rendererDir = join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));

  const settingsFile = new SettingsFile(join(app.getPath('userData'), 'settings.json'));
  const loaded = settingsFile.load();
  if (loaded.problem) log.warn(`settings: ${loaded.problem}; using defaults`);
  let settings = loaded.settings;
  // Machine policy (issue 10): read once, before any URL is used.
  const policy = loadPolicyForApp({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, log });
  const policyView = policyState(policy);
  const saveSettings = (next: AppSettings) => {
    settings = next;
    settingsFile.save(settings);
  };

  // The bridge is registered before the session manager exists (calls wait for it, below).
  let sessionsRef: SessionManager | null = null;
  // The window opens at once; bridge calls wait until the keychain has answered (or not).
  let handlersReady: (handlers: BridgeHandlers) => void = () => undefined;
  const deferred = deferredHandlers(new Promise<BridgeHandlers>((resolve) => (handlersReady = resolve)));
  registerBridge(
    ipcMain,
    {
      ...deferred,
      // Nobody to restore: the login screen needs no keychain answer to show.
      restoreSession: (input) => (settings.lastUserId ? deferred.restoreSession(input) : Promise.resolve({ ok: true, value: null })),
    },
    (event) => isAppFrame(event),
    log,
    () => ({ userId: sessionsRef?.currentUserId ?? null }),
  );
  mainWindow = createMainWindow(join(__dirname, '../preload/index.js'), (m) => log.warn(m));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  const { drafts, leaveGuard } = setUpDrafts(mainWindow, { maxAgeDays: () => (settings.draftMaxAgeDays ?? DRAFT_MAX_AGE_DAYS.default), log });

  // keytar runs in a helper process: a native crash or a hang there cannot take this process down.
  const keychainClient = new KeychainHostClient(spawnKeychainHelper, { timeoutMs: 10_000, log: (m) => log.warn(m) });
  app.on('will-quit', () => keychainClient.dispose());
  // Proxy (issue 12): the policy's, else the saved one, else the system's; in force before the first request.
  // Its credentials go through the same keychain helper.
  const proxyStore = new HelperKeychainStore(keychainClient, PROXY_KEYCHAIN_SERVICE, (reason) =>
    log.warn(`keychain unavailable for proxy credentials, kept in memory: ${reason}`),
  );
  const network = createNetwork({
    mainWindow: () => mainWindow,
    proxyLoginPreload: join(__dirname, '../preload/proxy-login.js'),
    proxyStore: async () => proxyStore,
    log,
  });
  await network
    .apply(policy.policy.proxy ?? settings.proxy ?? SYSTEM_PROXY)
    .catch((err: unknown) => log.error('proxy configuration refused', err instanceof Error ? err.message : String(err)));
  const connection = new BackendConnection(
    process.env.ECUAPASS_API_URL,
    settings.backendUrl,
    (baseUrl) => new ApiClient({ baseUrl, fetch: network.fetch }),
    { pinnedUrl: policy.policy.backendUrl, refused: policy.status === 'invalid' },
  );
  const urlProblem = connection.urlProblem();
  if (urlProblem) log.error(`backend URL refused: ${urlProblem.code}`);

  const keychain = new HelperKeychainStore(keychainClient, KEYCHAIN_SERVICE, (reason) =>
    log.warn(`keychain unavailable, session kept in memory: ${reason}`),
  );
  const opened = { store: keychain };
  // The menu (Salir / Ctrl+Q among it) before the keychain probe, which may take a few seconds.
  Menu.setApplicationMenu(
    buildAppMenu(
      () => mainWindow,
      () => aboutText(appInfo(connection.backendUrl, keychain.kind === 'keychain'), logFolder()),
    ),
  );
  await keychain.probe(5000);

  const sessions: SessionManager = new SessionManager({
    store: opened.store,
    connection,
    lastUser: {
      get: () => settings.lastUserId,
      set: (userId) => saveSettings({ ...settings, lastUserId: userId }),
    },
    onStoreError: (what, err) => log.warn(`${what} failed`, err instanceof Error ? err.message : String(err)),
  });
  sessionsRef = sessions;
  const registration = new RegistrationService(sessions);
  const settingsService = new SettingsService({
    read: () => settings,
    save: saveSettings,
    connection,
    policy: { state: policyView, idleLockMinutes: policy.policy.idleLockMinutes, proxy: policy.policy.proxy },
    applyProxy: (proxy) => network.apply(proxy),
    endSession: () => sessions.logout(),
  });

  const updates = startUpdates({ policy, settingsFeedUrl: settings.updateFeedUrl, currentVersion: app.getVersion(), isPackaged: app.isPackaged, log });

  const handlers: Omit<BridgeHandlers, keyof ReturnType<typeof draftHandlers>> = {
    getAppInfo: async () => ({ ok: true, value: appInfo(connection.backendUrl, opened.store.kind === 'keychain') }),
    ...sessionBridgeHandlers(sessions, registration),
    getSettings: async () => ({ ok: true, value: settingsService.view() }),
    updateSettings: (input) => settingsService.update(input),
    // A policy's proxy is always the one tested; otherwise the one on screen, not yet saved.
    testConnection: (input) => {
      const proxy = policy.policy.proxy ?? input.proxy;
      if (!proxy) return connection.test(input.backendUrl);
      return connection.test(input.backendUrl, async (baseUrl) => new ApiClient({ baseUrl, fetch: await network.probeFetch(proxy) }));
    },
    retryKeychain: async () => {
      const remembered = await keychain.retry();
      if (remembered) await sessions.rememberActive();
      return { ok: true, value: { remembered } };
    },
    getUpdateState: async () => ({ ok: true, value: updates.state() }),
    installUpdate: async () =>
      updates.installNow() ? { ok: true, value: null } : { ok: false, error: { code: 'INVALID_INPUT', message: 'No hay una actualización lista para instalar.' } },
  };
  handlersReady(
    withDraftCleanup(
      {
        ...handlers,
        ...draftHandlers({ store: drafts, guard: leaveGuard, currentUserId: () => sessions.currentUserId, maxAgeDays: () => (settings.draftMaxAgeDays ?? DRAFT_MAX_AGE_DAYS.default), log }),
      },
      drafts,
      () => sessions.currentUserId,
    ),
  );
  log.info(`Ecuapass Desktop ${app.getVersion()} started; backend ${connection.backendUrl}; keychain: ${opened.store.kind}`);

}

/** Only the top frame of our own window, showing our own origin, may call the bridge. */
function isAppFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!mainWindow || event.sender !== mainWindow.webContents || !frame) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}
