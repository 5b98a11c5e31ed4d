// Minimal stand-in for Electron's default_app: `electron [-r mod]... <app-folder|main.js> [args]`.
'use strict';
const { app } = require('electron');
const fs = require('fs');
const path = require('path');
const Module = require('module');

const argv = process.argv.slice(1);
const preload = [];
let target;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '-r' || a === '--require') { preload.push(argv[++i]); continue; }
  if (a === '--') break;
  if (a.startsWith('-')) continue;
  target = a; break;
}
for (const m of preload) Module._load(path.resolve(m), module, false);
if (!target) { console.error('electron-test-loader: usage: electron <app-folder|main.js>'); app.exit(1); return; }

let appDir = path.resolve(target);
let mainFile = appDir;
let pkg = {};
if (fs.statSync(appDir).isDirectory()) {
  pkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  mainFile = path.join(appDir, pkg.main || 'index.js');
} else {
  appDir = path.dirname(appDir);
  try { pkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')); } catch { /* a main.js without a package.json beside it */ }
}
// Same steps as lib/browser/init.ts does for resources/app.
const name = pkg.productName || pkg.name;
if (name) {
  app.name = name;
  app.setPath('userData', path.join(app.getPath('appData'), name));
  app.setPath('userCache', path.join(app.getPath('cache'), name));
}
if (pkg.version) app.setVersion(pkg.version);
app.setAppPath(appDir);
Module._load(mainFile, module, true);
