// Baseline for the cold-start and memory benchmarks: one Electron window, the same size and the same
// window options as the app's (src-main/window/main-window.ts), loading an empty page. No preload, no IPC.
'use strict';
const { app, BrowserWindow } = require('electron');
const path = require('path');

// The same start-up marks as the app's (src-main/startup-marks.ts), for bench/startup-trace.mjs.
const mark = (name) => process.env.ECUAPASS_STARTUP_MARKS === '1' && process.stderr.write(`[startup-mark] ${name} ${Date.now()}\n`);
mark('main-script');

const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);

app.on('window-all-closed', () => app.quit());
app.whenReady().then(() => {
  mark('app-ready');
  const win = new BrowserWindow({
    width: 1180,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'bare',
    backgroundColor: '#f4f6f9',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, spellcheck: false },
  });
  mark('window-created');
  win.webContents.once('dom-ready', () => mark('renderer-dom-ready'));
  win.once('ready-to-show', () => {
    mark('ready-to-show');
    win.show();
  });
  void win.loadFile(path.join(__dirname, 'index.html'));
});
