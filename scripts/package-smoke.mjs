// Smoke test of the PACKAGED app (dist/linux-unpacked): it starts, shows the login screen, and loads the keychain
// module from app.asar.unpacked.
//
//   bash scripts/with-desktop-env.sh node --experimental-websocket scripts/package-smoke.mjs [executable] [screenshot.png]
//
// Why not Playwright: _electron.launch drives the main process through the Node inspector (--inspect), which the
// packaged binary refuses (fuse EnableNodeCliInspectArguments off, as intended), and chromium.connectOverCDP fails on
// Electron ("Browser.setDownloadBehavior: Browser context management is not supported"). Chromium's DevTools
// protocol itself works, so the binary is started with --remote-debugging-port and a minimal CDP client (Node's
// WebSocket: global from Node 22, `node --experimental-websocket` on Node 20) reads the page and takes the screenshot.
//
// Checks: heading "Ingreso al portal externo" visible; keytar.node mapped from resources/app.asar.unpacked
// (/proc/<pid>/maps) into the keychain helper, a utility process below the main process, and NOT into the main
// process itself (a native crash there would take the app down); the app's main.log says "keychain: keychain" (the OS keychain is in
// use) and has no "keychain unavailable" warning.
// Prints a JSON summary; exit code 0 only if every check passed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const executable = path.resolve(process.argv[2] ?? path.join(repo, 'dist/linux-unpacked/ecuapass-desktop'));
const screenshotPath = path.resolve(process.argv[3] ?? '/tmp/ecuapass-packaged-login.png');
const HEADING = 'Ingreso al portal externo';

if (!existsSync(executable)) {
  console.error(`packaged app not found: ${executable} (run: npm run package:dir)`);
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (typeof globalThis.WebSocket !== 'function') {
  console.error('no global WebSocket: run with `node --experimental-websocket` (Node 20)');
  process.exit(2);
}

/** The app window's DevTools target (the page served from app://). */
async function appTarget(port, deadline) {
  for (;;) {
    try {
      const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      const page = targets.find((t) => t.type === 'page' && t.url.startsWith('app://'));
      if (page) return page;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('no app:// window appeared');
    await sleep(250);
  }
}

/** Minimal CDP session over one target's WebSocket. */
async function cdpSession(wsUrl) {
  const socket = new globalThis.WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot open ${wsUrl}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    async evaluate(expression) {
      const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, returnByValue: true });
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value;
    },
    close: () => socket.close(),
  };
}

const headingVisible = `(() => [...document.querySelectorAll('h1, h2, [role="heading"]')].some(
  (h) => h.textContent.trim() === ${JSON.stringify(HEADING)} && h.getClientRects().length > 0))()`;

const userData = mkdtempSync(path.join(tmpdir(), 'ecuapass-packaged-profile-'));
const port = await freePort();
const started = Date.now();
const child = spawn(executable, ['--no-sandbox', `--remote-debugging-port=${port}`, `--user-data-dir=${userData}`], {
  env: { ...process.env, ECUAPASS_API_URL: process.env.ECUAPASS_API_URL ?? 'http://127.0.0.1:4010' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));

const result = { executable, pid: child.pid, screenshot: null, checks: {} };
let cdp;
try {
  const deadline = Date.now() + 30_000;
  const target = await appTarget(port, deadline);
  cdp = await cdpSession(target.webSocketDebuggerUrl);
  while (!(await cdp.evaluate(headingVisible).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`heading "${HEADING}" not shown within 30 s`);
    await sleep(200);
  }
  result.checks.loginHeading = true;
  result.startupMs = Date.now() - started;
  result.url = await cdp.evaluate('location.href');
  result.title = await cdp.evaluate('document.title');
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  mkdirSync(path.dirname(screenshotPath), { recursive: true });
  writeFileSync(screenshotPath, Buffer.from(data, 'base64'));
  result.screenshot = screenshotPath;

  // The main process logs "... started; backend ...; keychain: keychain|memory" once the window is up.
  const logFile = path.join(userData, 'logs', 'main.log');
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const logDeadline = Date.now() + 10_000;
  while (!/ started; /.test(readLog()) && Date.now() < logDeadline) await sleep(200);
  const log = readLog();
  result.logFile = logFile;
  result.startedLine = log.split('\n').find((line) => / started; /.test(line)) ?? null;
  result.checks.keychainInUse = /keychain: keychain\b/.test(log) && !/keychain unavailable/i.test(log);
  if (/keychain unavailable/i.test(log)) result.keychainWarning = log.match(/.*keychain unavailable.*/i)?.[0];

  const keytarLine = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').find((line) => line.endsWith('keytar.node'));
    } catch {
      return undefined;
    }
  };
  const helper = descendants(child.pid).find((pid) => keytarLine(pid));
  const keytar = helper ? keytarLine(helper) : undefined;
  result.keytarMappedFrom = keytar ? keytar.slice(keytar.indexOf('/')) : null;
  result.keytarInMainProcess = !!keytarLine(child.pid);
  result.checks.keytarFromAsarUnpacked =
    !!keytar && keytar.includes('/resources/app.asar.unpacked/') && !result.keytarInMainProcess;
} catch (error) {
  result.error = String(error?.stack ?? error);
  result.output = output.slice(-4000);
} finally {
  cdp?.close();
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  rmSync(userData, { recursive: true, force: true });
}

/** Every process below `root` (children, grandchildren...), from /proc/<pid>/stat. */
function descendants(root) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    for (const [child, parent] of parentOf) {
      if (parent !== pid) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const ok = !result.error && Object.values(result.checks).length === 3 && Object.values(result.checks).every(Boolean);
result.ok = ok;
console.log(JSON.stringify(result, null, 2));
process.exit(ok ? 0 : 1);
