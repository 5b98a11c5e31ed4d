import { app, BrowserWindow, dialog, session } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Receipt } from '../../src-shared/contract/receipt';
import { receiptFileName, receiptHtml } from './receipt-html';

/** A session of its own, in memory, that answers every request but the page itself with a refusal. */
const PARTITION = 'ecuapass-receipt';

function isolatedSession(): Electron.Session {
  const s = session.fromPartition(PARTITION, { cache: false });
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  return s;
}

/**
 * The constancia as PDF bytes: the template (receipt-html.ts) in a hidden, offscreen, sandboxed window with no
 * script, no preload and no network, printed with webContents.printToPDF; the window is destroyed afterwards.
 */
export async function renderReceiptPdf(receipt: Receipt): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      offscreen: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      images: false,
      spellcheck: false,
      session: isolatedSession(),
    },
  });
  try {
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(receiptHtml(receipt))}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  } finally {
    win.destroy();
  }
}

/**
 * "Guardar constancia (PDF)": the OS save dialog (over the app window), then the file. false when the user
 * cancelled. dialog.showSaveDialog is looked up at each call (an E2E test replaces it to choose the path).
 */
export async function saveReceiptPdf(receipt: Receipt, parent: BrowserWindow | null): Promise<boolean> {
  const options: Electron.SaveDialogOptions = {
    title: 'Guardar constancia',
    defaultPath: join(app.getPath('documents'), receiptFileName(receipt)),
    buttonLabel: 'Guardar',
    filters: [{ name: 'Documento PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  const pdf = await renderReceiptPdf(receipt);
  const filePath = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
  await writeFile(filePath, pdf);
  return true;
}
