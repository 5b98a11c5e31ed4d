import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTestPki, type TestPki } from '../fixtures/test-pki';
import { startBackend, type RunningBackend } from './support/backend';
import { launchApp, newUserDataDir, screenshot, type LaunchedApp } from './support/desktop-app';
import { clearKeychain, keychainAccounts } from './support/keychain';
import { DEMO, login, modificarKeepingEmail, openUsuarioGeneralForm } from './support/login';
import { startPacServer, startTestProxy, type TestProxy } from './support/test-proxy';

/**
 * Issue 12: the office network. An HTTPS backend whose certificate comes from a CA made here, trusted (or not)
 * through the test user's NSS database in a private HOME; a real proxy with Basic authentication through which
 * alone the backend's made-up name backend.test is reachable; a PAC file sending backend.test through a proxy.
 */
test.describe.configure({ mode: 'serial' });

const PROXY_SERVICE = 'Ecuapass Desktop proxy';
const PROXY_USER = 'ofi.aduanas';
const PROXY_PASSWORD = 'Prx#Oficina-7731';

interface Keytar {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  deletePassword(service: string, account: string): Promise<boolean>;
}
const keytar = createRequire(__filename)('@github/keytar') as Keytar;

let pki: TestPki;
let backend: RunningBackend;
let backendPort: string;
let trustedHome: string;
let untrustedHome: string;
let running: LaunchedApp | null = null;
const proxies: TestProxy[] = [];

/** A private HOME whose NSS database (what Chromium on Linux trusts besides the system store) holds `ca`, or nothing. */
function homeWithNss(ca: string | null): string {
  const home = mkdtempSync(path.join(tmpdir(), 'ecuapass-home-'));
  const db = path.join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  if (ca) execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', 'ecuapass-test-ca', '-i', ca]);
  return home;
}

async function clearProxyKeychain(): Promise<void> {
  for (const c of await keytar.findCredentials(PROXY_SERVICE)) await keytar.deletePassword(PROXY_SERVICE, c.account);
}

async function launch(apiUrl: string, home: string, userDataDir = newUserDataDir()): Promise<Page> {
  running = await launchApp({ apiUrl, userDataDir, env: { HOME: home } });
  return running.window;
}

/** Teléfono1 changed and saved with "Modificar": the write really went through. */
async function saveForm(window: Page, phone: string): Promise<void> {
  await openUsuarioGeneralForm(window);
  await window.getByLabel('Teléfono1').fill(phone);
  await modificarKeepingEmail(window);
  const done = window.getByRole('dialog', { name: 'Información' });
  await expect(done).toContainText('La información de registro se modificó con éxito.');
  await done.getByRole('button', { name: 'Aceptar' }).click();
}

async function setManualProxy(window: Page, server: string): Promise<void> {
  await window.getByRole('button', { name: 'Configuración de conexión' }).click();
  await window.getByRole('radio', { name: 'Manual' }).check();
  await window.getByLabel('Servidor proxy (host:puerto)').fill(server);
  await window.getByRole('button', { name: 'Guardar' }).click();
  await expect(window.getByRole('status')).toContainText('Configuración guardada.');
  await window.getByRole('button', { name: 'Volver' }).click();
}

/**
 * An action that answers the proxy login window, which closes at once: the action itself may then see its page gone
 * (Playwright's "Target closed"), so the window's close is the proof that it worked.
 */
async function closing(dialog: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([dialog.waitForEvent('close'), action().catch(() => undefined)]);
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

test.beforeAll(async () => {
  await clearKeychain();
  await clearProxyKeychain();
  pki = makeTestPki(['backend.test', 'localhost']);
  backend = await startBackend({}, { tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert } });
  backendPort = new URL(backend.url).port;
  trustedHome = homeWithNss(pki.caCert);
  untrustedHome = homeWithNss(null);
});
// A remembered session would offer "Continuar" on the login screen; each test starts from none.
test.beforeEach(() => clearKeychain());
test.afterEach(async () => {
  await running?.close();
  running = null;
});
test.afterAll(async () => {
  for (const p of proxies) await p.close();
  await backend?.dispose();
  await clearProxyKeychain();
});

test('HTTPS backend with a certificate from a CA in the user\'s NSS database: login and save work, no setting needed', async () => {
  const window = await launch(backend.url, trustedHome);
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await saveForm(window, '022345671');
});

test('a certificate this machine does not trust is refused with a Spanish message for IT, and no way to go on', async () => {
  const window = await launch(backend.url, untrustedHome);
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  const alert = window.getByRole('alert');
  await expect(alert).toContainText('no es de confianza');
  await expect(alert).toContainText('autoridad de certificación que este equipo no reconoce');
  await expect(alert).toContainText('departamento de TI');
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeHidden();
  // Nothing on the screen offers to continue anyway.
  await expect(window.getByRole('button', { name: /continuar|aceptar el riesgo|confiar/i })).toHaveCount(0);
  await screenshot(window, '70-certificado-no-confiable');
});

test('a trusted certificate for another name (127.0.0.1 instead of localhost) is refused naming the wrong host', async () => {
  const window = await launch(`https://127.0.0.1:${backendPort}`, trustedHome);
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('alert')).toContainText('no corresponde a la dirección 127.0.0.1');
  await screenshot(window, '71-certificado-otro-nombre');
});

test('an expired certificate from a trusted CA is refused saying it expired and that IT must renew it', async () => {
  const expired = makeTestPki(['localhost'], { expired: true });
  const old = await startBackend({}, { tls: { cert: expired.serverCert, key: expired.serverKey, ca: expired.caCert, acceptExpired: true } });
  try {
    const window = await launch(old.url, homeWithNss(expired.caCert));
    await login(window, DEMO.jperez.userId, DEMO.jperez.password);
    const alert = window.getByRole('alert');
    await expect(alert).toContainText('está vencido o todavía no es válido');
    await expect(alert).toContainText('renueve el certificado del servidor');
    await screenshot(window, '76-certificado-vencido');
  } finally {
    await running?.close();
    running = null;
    await old.dispose();
  }
});

test('manual proxy with Basic authentication: 407 asks, wrong credentials ask again, cancel points at the proxy, the right ones log in and save', async () => {
  const proxy = await startTestProxy({ routes: { [`backend.test:${backendPort}`]: Number(backendPort) }, auth: { username: PROXY_USER, password: PROXY_PASSWORD } });
  proxies.push(proxy);
  const apiUrl = `https://backend.test:${backendPort}`;
  const profile = newUserDataDir();
  const window = await launch(apiUrl, trustedHome, profile);
  const app = running!.app;

  // Without the proxy the made-up name does not resolve: the backend is reachable only through it.
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('alert')).toContainText('No se pudo conectar con el servidor de Ecuapass');
  expect(proxy.connects).toEqual([]);

  await setManualProxy(window, proxy.address);
  let asked = app.waitForEvent('window');
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  let dialog = await asked;
  await expect(dialog.getByRole('heading', { name: 'El proxy pide usuario y contraseña' })).toBeVisible();
  await expect(dialog.locator('#proxy-why')).toContainText(proxy.address);
  await screenshot(dialog, '72-proxy-login');
  await dialog.getByLabel('Usuario del proxy').fill(PROXY_USER);
  await dialog.getByLabel('Contraseña del proxy').fill('incorrecta');
  asked = app.waitForEvent('window');
  await closing(dialog, () => dialog.getByRole('button', { name: 'Aceptar' }).click());
  dialog = await asked;
  await expect(dialog.getByRole('alert')).toContainText('El proxy no aceptó el usuario o la contraseña');
  await screenshot(dialog, '73-proxy-login-reintento');
  await closing(dialog, () => dialog.getByRole('button', { name: 'Cancelar' }).click());
  await expect(window.getByRole('alert')).toContainText('el proxy de su red pidió usuario y contraseña');
  await screenshot(window, '74-proxy-cancelado');
  expect(proxy.connects.some((c) => c.target === `backend.test:${backendPort}` && !c.authorized)).toBe(true);
  expect(proxy.connects.some((c) => c.authorized)).toBe(false);

  // The right credentials, remembered: login and save go through the proxy's tunnel.
  asked = app.waitForEvent('window');
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  dialog = await asked;
  // Enter from the keyboard, as a user would.
  await dialog.getByLabel('Usuario del proxy').fill(PROXY_USER);
  await dialog.getByLabel('Contraseña del proxy').fill(PROXY_PASSWORD);
  await dialog.getByLabel('Recordar en el llavero de este equipo').check();
  await closing(dialog, () => dialog.getByLabel('Contraseña del proxy').press('Enter'));
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await saveForm(window, '022345672');
  expect(proxy.connects).toContainEqual({ target: `backend.test:${backendPort}`, authorized: true });

  // Remembered in the keychain, in its own entry, and nowhere else: not in the data folder, the logs or HOME.
  const stored = await keytar.findCredentials(PROXY_SERVICE);
  expect(stored.map((c) => c.account)).toEqual([proxy.address]);
  expect(JSON.parse(stored[0]!.password)).toEqual({ username: PROXY_USER, password: PROXY_PASSWORD });
  expect(await keychainAccounts()).toEqual(['jperez']);
  // Signed out, so the next start shows the login screen (a remembered session would skip it).
  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(window.getByLabel('ID.usuario')).toBeVisible();
  await running!.close();
  running = null;
  expect(filesContaining(profile, PROXY_PASSWORD)).toEqual([]);
  expect(filesContaining(trustedHome, PROXY_PASSWORD)).toEqual([]);
  expect(readFileSync(path.join(profile, 'settings.json'), 'utf8')).toContain(proxy.address);

  // Next start: the remembered credentials answer the proxy; no question. "Probar conexión" goes through it too.
  const again = await launch(apiUrl, trustedHome, profile);
  let windows = 0;
  running!.app.on('window', () => (windows += 1));
  await again.getByRole('button', { name: 'Configuración de conexión' }).click();
  await expect(again.getByLabel('Servidor proxy (host:puerto)')).toHaveValue(proxy.address);
  await again.getByRole('button', { name: 'Probar conexión' }).click();
  await expect(again.getByRole('status')).toContainText('Conexión correcta');
  await again.getByRole('button', { name: 'Volver' }).click();
  await login(again, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(again.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  expect(windows).toBe(0);
});

test('a PAC file served by the test sends the backend through the proxy', async () => {
  const proxy = await startTestProxy({ routes: { [`backend.test:${backendPort}`]: Number(backendPort) } });
  proxies.push(proxy);
  const pac = await startPacServer('backend.test', proxy.address);
  try {
    const window = await launch(`https://backend.test:${backendPort}`, trustedHome);
    await window.getByRole('button', { name: 'Configuración de conexión' }).click();
    await window.getByRole('radio', { name: 'Automática (archivo PAC)' }).check();
    await window.getByLabel('Dirección del archivo PAC').fill(pac.url);
    await window.getByRole('button', { name: 'Guardar' }).click();
    await expect(window.getByRole('status')).toContainText('Configuración guardada.');
    await screenshot(window, '75-configuracion-proxy-pac');
    await window.getByRole('button', { name: 'Volver' }).click();
    await login(window, DEMO.jperez.userId, DEMO.jperez.password);
    await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
    expect(pac.hits()).toBeGreaterThan(0);
    expect(proxy.connects).toContainEqual({ target: `backend.test:${backendPort}`, authorized: true });
  } finally {
    await pac.close();
  }
});
