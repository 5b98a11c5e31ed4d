// Launching the packaged app (its E2E variant: same app.asar and binary, inspect fuse on, so Playwright can attach)
// and the bare Electron window (bench/bare-app on the same Electron 25.1.1 runtime) the same way: Playwright's
// _electron.launch with an executablePath, --no-sandbox and a fresh --user-data-dir.
/* global window, document, location, performance, MutationObserver, addEventListener -- the *InPage/oursReady functions run in the page */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { BARE_APP_DIR, E2E_EXE, REPO } from './paths.mjs';

const require = createRequire(import.meta.url);
export const KEYCHAIN_SERVICE = 'Ecuapass Desktop';

let runtimeDir;
/** The provisioned Electron 25.1.1 runtime folder (scripts/provision-electron.sh; idempotent, no network when done). */
export function electronRuntime() {
  runtimeDir ??= execFileSync('bash', [path.join(REPO, 'scripts/provision-electron.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .at(-1);
  return runtimeDir;
}

export function keytar() {
  return require('@github/keytar');
}

/** Forget every session the app stored, so each launch starts from the same login screen. */
export async function clearKeychain() {
  const k = keytar();
  for (const c of await k.findCredentials(KEYCHAIN_SERVICE)) await k.deletePassword(KEYCHAIN_SERVICE, c.account);
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Page side of the app's readiness: the first moment (epoch ms) the login screen is interactive — heading
 * "Ingreso al portal externo" laid out and the ID.usuario input accepting focus. Installed in every document before
 * its scripts run (addInitScript → CDP addScriptToEvaluateOnNewDocument, exempt from the page's CSP) with
 * installOnly=true; a MutationObserver fires right after each DOM change, so there is no polling delay. Called again
 * through page.evaluate to collect the time (if the init script came too late, the observer starts then).
 */
export function oursReady(installOnly) {
  if (location.protocol !== 'app:') return installOnly ? undefined : null;
  const install = () => {
    if (window.__benchProbe) return;
    window.__benchProbe = true;
    // Installed before the page's own scripts ran (cold start via CDP): the moment it records is exact.
    window.__benchEarly = document.readyState === 'loading' && !document.querySelector('h1');
    const check = () => {
      const h = [...document.querySelectorAll('h1')].find((e) => e.textContent.trim() === 'Ingreso al portal externo');
      if (!h || h.getClientRects().length === 0) return false;
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent.replace('*', '').trim() === 'ID.usuario');
      const input = label && label.control;
      if (!input || input.disabled) return false;
      input.focus();
      if (document.activeElement !== input) return false;
      window.__benchReadyAt = performance.timeOrigin + performance.now();
      return true;
    };
    if (check()) return;
    // Checked on every DOM change, and when the window is shown or gets the focus: a form rendered while the window
    // was still hidden cannot take the focus yet, and may see no further DOM change once it can.
    const again = () => {
      if (!check()) return;
      mo.disconnect();
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('focus', again);
    };
    const mo = new MutationObserver(again);
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener('visibilitychange', again);
    window.addEventListener('focus', again);
  };
  if (installOnly) return install();
  const source = window.__benchProbe ? 'init-script' : 'late-observer';
  install();
  return new Promise((resolve) => {
    const poll = () => (window.__benchReadyAt ? resolve({ at: window.__benchReadyAt, source }) : setTimeout(poll, 2));
    poll();
  });
}

/** Init script for the bare window (cold start): records the end of its load event, in epoch ms. */
export function bareReadyProbe() {
  if (location.protocol !== 'file:') return;
  window.__benchEarly = true; // Navigation Timing is retrospective: exact whenever the probe runs.
  const record = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    window.__benchReadyAt = performance.timeOrigin + (nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : performance.now());
  };
  // Navigation Timing keeps the load time, so a probe that arrives after the load still reads the right moment.
  if (document.readyState === 'complete') record();
  else addEventListener('load', () => setTimeout(record, 0), { once: true });
}

/** Page side for the bare window: the end of its load event, from Navigation Timing, in epoch ms. */
function bareLoadedInPage() {
  return new Promise((resolve) => {
    const done = () => {
      const nav = performance.getEntriesByType('navigation')[0];
      resolve({ at: performance.timeOrigin + (nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : performance.now()), source: 'navigation-timing' });
    };
    if (document.readyState === 'complete') setTimeout(done, 0);
    else addEventListener('load', () => setTimeout(done, 0), { once: true });
  });
}

/** Evaluates in the window's document of the given scheme, retrying while the first navigation replaces about:blank. */
async function evaluateInDocument(page, scheme, fn, arg, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (!page.url().startsWith(scheme)) {
        await page.waitForURL((u) => u.protocol === scheme, { waitUntil: 'commit', timeout: Math.max(1, until - Date.now()) });
      }
      return await withTimeout(page.evaluate(fn, arg), Math.max(1, until - Date.now()), 'page evaluate');
    } catch (err) {
      const transient = /Execution context was destroyed|navigation|Target closed|frame was detached/i.test(String(err?.message));
      if (!transient || Date.now() > until) throw err;
    }
  }
}

function newProfile(tag) {
  return mkdtempSync(path.join(tmpdir(), `ecuapass-bench-${tag}-`));
}

async function launch(kind, { apiUrl, timeoutMs = 60_000 } = {}) {
  const profile = newProfile(kind);
  const args = ['--no-sandbox', `--user-data-dir=${profile}`];
  const opts =
    kind === 'ours'
      ? { executablePath: E2E_EXE, args, env: { ...process.env, ECUAPASS_API_URL: apiUrl } }
      : { executablePath: path.join(electronRuntime(), 'electron'), args: [BARE_APP_DIR, ...args], env: { ...process.env } };
  const spawnedAt = Date.now();
  const app = await _electron.launch({ ...opts, timeout: timeoutMs });
  const launchedAt = Date.now();
  if (kind === 'ours') await app.context().addInitScript({ content: `(${oursReady.toString()})(true);` });
  const page = await app.firstWindow({ timeout: timeoutMs });
  const pid = app.process().pid;
  return {
    kind,
    app,
    page,
    pid,
    spawnedAt,
    launchedAt,
    profile,
    async close() {
      try {
        await withTimeout(app.close(), 15_000, 'app.close');
      } catch {
        try {
          app.process().kill('SIGKILL');
        } catch {
          /* gone */
        }
      }
      // Chromium's helper processes may still be writing into the profile for a moment after the main one ends.
      // Leaving a temp folder behind must not fail a measurement that is already taken.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
      } catch (err) {
        console.warn(`[bench] could not remove ${profile} (${err.code ?? err.message}); left for the OS to clean`);
      }
    },
  };
}

export const launchOurs = (opts) => launch('ours', opts);
export const launchBare = (opts) => launch('bare', opts);

/** Epoch ms at which the launched window became interactive (ours: login screen; bare: page load). */
export async function readyAt(launched, timeoutMs = 60_000) {
  return launched.kind === 'ours'
    ? evaluateInDocument(launched.page, 'app:', oursReady, false, timeoutMs)
    : evaluateInDocument(launched.page, 'file:', bareLoadedInPage, undefined, timeoutMs);
}

/** Logs in through the login screen and opens Menú > … > "Modificar información de registro para Usuario General". */
export async function loginAndOpenForm(page, userId = 'jperez', password = 'Aduana#2026') {
  const t = { timeout: 30_000 };
  await page.getByLabel('ID.usuario').fill(userId, t);
  await page.getByLabel('Contraseña', { exact: true }).fill(password, t);
  await page.getByRole('button', { name: 'Ingresar' }).click(t);
  await page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' }).waitFor(t);
  await openChooser(page);
  await page.getByRole('button', { name: 'Modificar información de registro para Usuario General' }).click(t);
  await page.getByRole('heading', { name: 'Modificar información de registro para Usuario General' }).waitFor(t);
  // The form is loaded once the stored registration fills it.
  await page.waitForFunction(
    () => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent.replace('*', '').trim() === 'Nombre de Usuario');
      return Boolean(label?.control?.value);
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** From any logged-in screen: Menú > Soporte al Cliente > Registro de usuario > 3.2.3 → the "Modificar información del uso" chooser. */
export async function openChooser(page) {
  const t = { timeout: 30_000 };
  await page.getByRole('button', { name: 'Menú' }).click(t);
  await page.getByRole('button', { name: 'Soporte al Cliente' }).click(t);
  await page.getByRole('button', { name: 'Registro de usuario' }).click(t);
  await page.getByRole('button', { name: '3.2.3 Modificar información de registro de usuario' }).click(t);
  await page.getByRole('heading', { name: 'Modificar información del uso' }).waitFor(t);
}

/** Logs in only (lands on the portal). */
export async function loginOnly(page, userId = 'jperez', password = 'Aduana#2026') {
  const t = { timeout: 30_000 };
  await page.getByLabel('ID.usuario').fill(userId, t);
  await page.getByLabel('Contraseña', { exact: true }).fill(password, t);
  await page.getByRole('button', { name: 'Ingresar' }).click(t);
  await page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' }).waitFor(t);
}
