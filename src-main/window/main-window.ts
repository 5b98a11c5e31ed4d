import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { keepOnAppOrigin } from './app-origin-guard';

/** The single app window, with every Electron security default kept on and made explicit. */
export function createMainWindow(preloadPath: string, log: (msg: string) => void = () => undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Ecuapass Desktop',
    backgroundColor: '#f4f6f9',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !process.env.ECUAPASS_DISABLE_DEVTOOLS,
    },
  });
  keepOnAppOrigin(win.webContents, log);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
