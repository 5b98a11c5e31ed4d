import { app, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { ApiClient } from './api/api-client';
import { BackendConnection } from './api/backend-connection';
import { deviceHeaderValue } from './api/device-header';
import { DRAFT_MAX_AGE_DAYS, SYSTEM_PROXY } from '../src-shared/contract';
import { appInfo } from './app-info';
import type { MainLog } from './logging/deferred-log';
import { logFolder, setUpLogging } from './logging/logger';
import { aboutText } from './window/about-text';
import { registerBridge, type IpcMainLike } from './ipc/register-bridge';
import { deferredHandlers } from './ipc/deferred-handlers';
import { sessionBridgeHandlers } from './ipc/session-handlers';
import { accountBridgeHandlers } from './ipc/account-handlers';
import { RegistrationService } from './registration/registration-service';
import { TwoFactorService } from './account/two-factor-service';
import type { BridgeHandlers } from './ipc/bridge-handlers';
import { DEVICE_TOKEN_KEYCHAIN_SERVICE, KEYCHAIN_SERVICE } from './session/secure-store';
import { KeychainHostClient } from './session/keychain-host/host-client';
import { HelperKeychainStore } from './session/keychain-host/helper-keychain-store';
import { keychainIdleMs, spawnKeychainHelper } from './session/keychain-host/spawn-helper';
import { SessionManager } from './session/session-manager';
import { SettingsFile, type AppSettings } from './settings/app-settings';
import { loadPolicyForApp } from './policy/load-for-app';
import { policyState } from './policy/machine-policy';
import { SettingsService } from './settings/settings-service';
import { draftHandlers, withDraftCleanup } from './drafts/draft-handlers';
import { setUpDrafts } from './drafts/set-up-drafts';
import { createNetwork } from './proxy/network';
import { PROXY_KEYCHAIN_SERVICE } from './proxy/proxy-credentials';
import { startUpdates } from './update/start-updates';
import { startupMark } from './startup-marks';

export interface ServicesContext {
  /** The app window, already loading the page. */
  win: BrowserWindow;
  /** The window while it exists (null once closed). */
  mainWindow: () => BrowserWindow | null;
  /** ipcMain, with the bridge's channels held open until registerBridge binds them. */
  ipc: IpcMainLike;
  /** The start-up logger; electron-log is attached to it here. */
  log: MainLog & { attach(real: MainLog): void };
  isAppFrame: (event: IpcMainInvokeEvent) => boolean;
  /** Gives the menu's "Acerca de" its full text (the menu itself is set by the start-up entry). */
  setAbout: (text: () => string) => void;
}

/**
 * Everything behind the bridge, started once the window is already opening (src-main/index.ts).
 * Its own chunk: none of it is parsed before the first window exists.
 */
export async function startServices(ctx: ServicesContext): Promise<void> {
  const { win, mainWindow } = ctx;
  const log = setUpLogging();
  ctx.log.attach(log);

  const settingsFile = new SettingsFile(join(app.getPath('userData'), 'settings.json'));
  const loaded = settingsFile.load();
  if (loaded.problem) log.warn(`settings: ${loaded.problem}; using defaults`);
  let settings = loaded.settings;
  // Machine policy (issue 10): read once, before any URL is used.
  const policy = await loadPolicyForApp({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, log });
  const policyView = policyState(policy);
  const saveSettings = (next: AppSettings) => {
    settings = next;
    settingsFile.save(settings);
  };

  // The bridge is registered before the session manager exists (calls wait for it, below).
  let sessionsRef: SessionManager | null = null;
  // Bridge calls wait until the keychain has answered (or not).
  let handlersReady: (handlers: BridgeHandlers) => void = () => undefined;
  const deferred = deferredHandlers(new Promise<BridgeHandlers>((resolve) => (handlersReady = resolve)));
  registerBridge(
    ctx.ipc,
    {
      ...deferred,
      // Nobody to restore: the login screen needs no keychain answer to show.
      restoreSession: (input) => (settings.lastUserId ? deferred.restoreSession(input) : Promise.resolve({ ok: true, value: null })),
    },
    ctx.isAppFrame,
    log,
    () => ({ userId: sessionsRef?.currentUserId ?? null }),
  );
  startupMark('bridge-bound');
  const { drafts, leaveGuard } = setUpDrafts(win, { maxAgeDays: () => (settings.draftMaxAgeDays ?? DRAFT_MAX_AGE_DAYS.default), log });

  // keytar runs in a helper process: a native crash or a hang there cannot take this process down. It is ended
  // when idle and started again by the next call.
  const keychainClient = new KeychainHostClient(spawnKeychainHelper, { timeoutMs: 10_000, idleMs: keychainIdleMs(), log: (m) => log.warn(m) });
  app.on('will-quit', () => keychainClient.dispose());
  // Proxy (issue 12): the policy's, else the saved one, else the system's; in force before the first request.
  // Its credentials go through the same keychain helper.
  const proxyStore = new HelperKeychainStore(keychainClient, PROXY_KEYCHAIN_SERVICE, (reason) =>
    log.warn(`keychain unavailable for proxy credentials, kept in memory: ${reason}`),
  );
  const network = createNetwork({
    mainWindow,
    proxyLoginPreload: join(__dirname, '../preload/proxy-login.js'),
    proxyStore: async () => proxyStore,
    log,
  });
  await network
    .apply(policy.policy.proxy ?? settings.proxy ?? SYSTEM_PROXY)
    .catch((err: unknown) => log.error('proxy configuration refused', err instanceof Error ? err.message : String(err)));
  // Built once: which workstation this is, sent with every call (X-Ecuapass-Device).
  const device = deviceHeaderValue(app.getVersion());
  const connection = new BackendConnection(
    process.env.ECUAPASS_API_URL,
    settings.backendUrl,
    (baseUrl) => new ApiClient({ baseUrl, adapter: network.adapter, device, onSessionExpired: (token) => sessionsRef?.sessionExpired(token) }),
    { pinnedUrl: policy.policy.backendUrl, refused: policy.status === 'invalid' },
  );
  const urlProblem = connection.urlProblem();
  if (urlProblem) log.error(`backend URL refused: ${urlProblem.code}`);

  const keychain = new HelperKeychainStore(keychainClient, KEYCHAIN_SERVICE, (reason) =>
    log.warn(`keychain unavailable, session kept in memory: ${reason}`),
  );
  const opened = { store: keychain };
  const deviceTokens = new HelperKeychainStore(keychainClient, DEVICE_TOKEN_KEYCHAIN_SERVICE, (reason) =>
    log.warn(`keychain unavailable for the trusted-device token, kept in memory: ${reason}`),
  );
  ctx.setAbout(() => aboutText(appInfo(connection.backendUrl, keychain.kind === 'keychain'), logFolder()));
  // With nobody to restore, the keychain helper (a process of its own) is started once the login is on screen
  // rather than competing with the page for the CPU while it starts.
  if (!settings.lastUserId) await shown(win);
  await keychain.probe(5000);
  startupMark('keychain-probed');

  const sessions: SessionManager = new SessionManager({
    store: opened.store,
    deviceTokens,
    connection,
    lastUser: {
      get: () => settings.lastUserId,
      set: (userId) => saveSettings({ ...settings, lastUserId: userId }),
    },
    onStoreError: (what, err) => log.warn(`${what} failed`, err instanceof Error ? err.message : String(err)),
  });
  sessionsRef = sessions;
  const registration = new RegistrationService(sessions);
  const twoFactor = new TwoFactorService(sessions);
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
    ...sessionBridgeHandlers(sessions, registration, twoFactor),
    ...accountBridgeHandlers({
      sessions,
      registration,
      mainWindow,
      // Its own chunk: Electron's printing is loaded only when a constancia is asked for.
      saveReceipt: async (receipt, parent) => (await import('./receipt/receipt-pdf')).saveReceiptPdf(receipt, parent),
    }),
    getSettings: async () => ({ ok: true, value: settingsService.view() }),
    updateSettings: (input) => settingsService.update(input),
    // A policy's proxy is always the one tested; otherwise the one on screen, not yet saved.
    testConnection: (input) => {
      const proxy = policy.policy.proxy ?? input.proxy;
      if (!proxy) return connection.test(input.backendUrl);
      return connection.test(input.backendUrl, async (baseUrl) => new ApiClient({ baseUrl, adapter: await network.probeAdapter(proxy), device }));
    },
    retryKeychain: async () => {
      const remembered = await keychain.retry();
      if (remembered) await sessions.rememberActive();
      // The trusted-device tokens kept in memory meanwhile go to the keychain too.
      if (remembered) await deviceTokens.retry();
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

/** Resolves once the window has been shown (at once if it already is, or is gone), or after 3 s whatever happens. */
function shown(win: BrowserWindow): Promise<void> {
  if (win.isDestroyed() || win.isVisible()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 3_000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    win.once('show', done);
    win.once('closed', done);
  });
}
