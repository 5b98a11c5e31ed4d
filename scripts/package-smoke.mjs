// Smoke test of the PACKAGED app (dist/linux-unpacked): it starts, shows the login screen, and loads the keychain
// module from app.asar.unpacked.
//
//   bash scripts/with-desktop-env.sh node scripts/package-smoke.mjs [executable] [screenshot.png]
//
// Why not Playwright's _electron.launch: it drives the main process through the Node inspector (--inspect), which
// the packaged binary refuses (fuse EnableNodeCliInspectArguments off, as intended). Chromium's DevTools protocol
// still works, so the binary is started directly with --remote-debugging-port and Playwright attaches over CDP.
//
// Checks: heading "Ingreso al portal externo" visible; keytar.node mapped into the main process from
// resources/app.asar.unpacked (/proc/<pid>/maps); no "keychain unavailable" warning in the app's main.log.
// Prints a JSON summary; exit code 0 only if every check passed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

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

async function connect(port, deadline) {
  for (;;) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: 5_000 });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

async function appPage(browser, deadline) {
  for (;;) {
    for (const context of browser.contexts()) {
      const page = context.pages().find((p) => p.url().startsWith('app://'));
      if (page) return page;
    }
    if (Date.now() > deadline) throw new Error('no app:// window appeared');
    await sleep(250);
  }
}

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
let browser;
try {
  const deadline = Date.now() + 30_000;
  browser = await connect(port, deadline);
  const page = await appPage(browser, deadline);
  await page.getByRole('heading', { name: HEADING }).waitFor({ state: 'visible', timeout: 20_000 });
  result.checks.loginHeading = true;
  result.startupMs = Date.now() - started;
  result.url = page.url();
  result.title = await page.title();
  await page.screenshot({ path: screenshotPath });
  result.screenshot = screenshotPath;

  const maps = readFileSync(`/proc/${child.pid}/maps`, 'utf8');
  const keytar = maps.split('\n').find((line) => line.endsWith('keytar.node'));
  result.keytarMappedFrom = keytar ? keytar.slice(keytar.indexOf('/')) : null;
  result.checks.keytarFromAsarUnpacked = !!keytar && keytar.includes('/resources/app.asar.unpacked/');

  await sleep(500); // let electron-log flush
  const logFile = path.join(userData, 'logs', 'main.log');
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  result.logFile = logFile;
  result.logLines = log.split('\n').filter(Boolean).length;
  result.checks.noKeychainUnavailableWarning = !/keychain unavailable/i.test(log);
  if (!result.checks.noKeychainUnavailableWarning) result.keychainWarning = log.match(/.*keychain unavailable.*/i)?.[0];
} catch (error) {
  result.error = String(error?.stack ?? error);
  result.output = output.slice(-4000);
} finally {
  await browser?.close().catch(() => {});
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  rmSync(userData, { recursive: true, force: true });
}

const ok = !result.error && Object.values(result.checks).length === 3 && Object.values(result.checks).every(Boolean);
result.ok = ok;
console.log(JSON.stringify(result, null, 2));
process.exit(ok ? 0 : 1);
