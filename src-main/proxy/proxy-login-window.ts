import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron';
import { z } from 'zod';
import type { ProxyLoginReply, ProxyLoginRequest } from './proxy-credentials';
import { PROXY_LOGIN_CHANNEL } from './proxy-login-channel';
import { proxyLoginPage } from './proxy-login-page';

const AnswerSchema = z.union([
  z.strictObject({ cancel: z.literal(true) }),
  z.strictObject({ username: z.string().min(1).max(256), password: z.string().max(1024), remember: z.boolean() }),
]);

/**
 * Asks for the proxy's credentials in a small modal window of its own: the password goes from that window straight to
 * the main process and never enters the app's page or its state. Closing the window cancels.
 */
export function askProxyLogin(parent: BrowserWindow | null, preloadPath: string, request: ProxyLoginRequest): Promise<ProxyLoginReply | null> {
  return new Promise((resolve) => {
    const win = new BrowserWindow({
      ...(parent ? { parent, modal: true } : {}),
      width: 460,
      height: request.retry ? 520 : 460,
      useContentSize: true,
      resizable: false,
      minimizable: false,
      maximizable: false,
      show: false,
      title: 'Autenticación del proxy',
      backgroundColor: '#f4f6f9',
      autoHideMenuBar: true,
      webPreferences: { preload: preloadPath, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
    });
    win.setMenu(null);
    let settled = false;
    const settle = (reply: ProxyLoginReply | null) => {
      if (settled) return;
      settled = true;
      ipcMain.removeListener(PROXY_LOGIN_CHANNEL, onAnswer);
      resolve(reply);
      if (!win.isDestroyed()) win.close();
    };
    const onAnswer = (event: IpcMainEvent, payload: unknown) => {
      if (win.isDestroyed() || event.sender !== win.webContents) return;
      const answer = AnswerSchema.safeParse(payload);
      if (!answer.success) return;
      settle('cancel' in answer.data ? null : answer.data);
    };
    ipcMain.on(PROXY_LOGIN_CHANNEL, onAnswer);
    win.on('closed', () => settle(null));
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(proxyLoginPage(request))}`);
  });
}
