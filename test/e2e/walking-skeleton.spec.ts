import { expect, test } from '@playwright/test';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { keychainAccounts, keychainToken } from './support/keychain';
import { DEMO, login, openUsuarioGeneralForm } from './support/login';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'serial' });

const ctx = useBackendAndApp();

const profile = newUserDataDir();

test('a wrong password gets a Spanish message and the login screen stays', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await expect(window.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  await screenshot(window, '01-login');
  await login(window, DEMO.jperez.userId, 'Incorrecta#1');
  await expect(window.getByRole('alert')).toHaveText('El ID.usuario o la contraseña no son correctos.');
  await expect(window.getByLabel('ID.usuario')).toHaveValue('jperez');
  await screenshot(window, '02-login-error');
  expect(await keychainAccounts()).toEqual([]);
});

test('logs in, follows Menú > Soporte al Cliente > Registro de usuario > 3.2.3, and sees the registration', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await screenshot(window, '03-portal');

  await window.getByRole('button', { name: 'Menú' }).click();
  await window.getByRole('button', { name: 'Soporte al Cliente' }).click();
  await window.getByRole('button', { name: 'Registro de usuario' }).click();
  await screenshot(window, '04-menu');
  await window.getByRole('button', { name: '3.2.3 Modificar información de registro de usuario' }).click();
  await expect(window.getByRole('heading', { name: 'Modificar información del uso' })).toBeVisible();
  await screenshot(window, '05-chooser');
  await window.getByRole('button', { name: 'Modificar información de registro para Usuario General' }).click();

  await expect(window.getByLabel('ID.usuario')).toHaveValue('jperez');
  await expect(window.getByLabel('Nombre de Usuario')).toHaveValue('Juan Carlos Pérez Mendoza');
  await expect(window.getByLabel('País')).toHaveValue('EC');
  await expect(window.getByLabel('País').locator('option:checked')).toHaveText('Ecuador');
  await expect(window.getByLabel('Provincia').locator('option:checked')).toHaveText('Guayas');
  await expect(window.getByLabel('Ciudad').locator('option:checked')).toHaveText('Guayaquil');
  await expect(window.getByLabel('Teléfono1')).toHaveValue('042345678');
  await expect(window.getByLabel('Senae correo electrónico')).toHaveValue('jperez@correo.aduana.gob.ec');
  await screenshot(window, '06-usuario-general');

  // The token went to the OS keychain, under the ID.usuario.
  expect(await keychainToken('jperez')).toBeTruthy();
});

test('the renderer cannot obtain the session token', async () => {
  const token = await keychainToken('jperez');
  expect(token).toBeTruthy();
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();

  const seen = await page.evaluate(async () => {
    const bridge = window.ecuapass as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    const answers: Record<string, unknown> = {};
    // Every method that reads, with a valid payload; every other one with a payload it refuses,
    // so nothing here ends the session.
    const reads: Record<string, unknown> = {
      getAppInfo: undefined,
      restoreSession: undefined,
      getRegistration: undefined,
      listRememberedUsers: undefined,
      getSettings: undefined,
      resumeUser: { userId: 'jperez' },
      checkEmailAvailability: { email: 'otro@example.com' },
      login: { userId: 'jperez', password: 'x' },
    };
    for (const name of Object.keys(bridge)) {
      answers[name] = await bridge[name]!(name in reads ? reads[name] : { invalid: true });
    }
    const globals: Record<string, string> = {};
    for (const key of Object.getOwnPropertyNames(window)) {
      try {
        const v = (window as unknown as Record<string, unknown>)[key];
        if (typeof v === 'string') globals[key] = v;
        else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) globals[key] = JSON.stringify(v);
      } catch {
        // cross-origin or throwing getters
      }
    }
    const storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie;
    const databases = 'databases' in indexedDB ? JSON.stringify(await indexedDB.databases()) : '';
    return { bridge: JSON.stringify(answers), globals: JSON.stringify(globals), storage, databases, html: document.documentElement.outerHTML };
  });
  for (const [where, text] of Object.entries(seen)) {
    expect(text.includes(token!), `token found in ${where}`).toBe(false);
  }
  expect(seen.bridge).toContain('INVALID_CREDENTIALS');
});

test('a restart lets the user in without logging in (token from the keychain)', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await openUsuarioGeneralForm(window);
  await expect(window.getByLabel('ID.usuario')).toHaveValue('jperez');
});

test('Cerrar sesión revokes the session, deletes the keychain entry, and a restart asks to log in', async () => {
  const token = await keychainToken('jperez');
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  let { window } = ctx.running;
  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(window.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  await expect(window.getByRole('status')).toHaveText('Su sesión se cerró correctamente.');
  await screenshot(window, '07-logged-out');
  expect(await keychainToken('jperez')).toBeNull();
  const res = await fetch(`${ctx.backend.url}/api/v1/sessions/current`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(401);
  await ctx.running.close();

  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  window = ctx.running.window;
  await expect(window.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
});

test('a token the backend refuses is deleted at start', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  await login(ctx.running.window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(ctx.running.window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  const token = await keychainToken('jperez');
  await ctx.running.close();
  ctx.running = null;
  // Revoked behind the app's back (e.g. by another workstation or an administrator).
  await fetch(`${ctx.backend.url}/api/v1/sessions/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });

  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  await expect(ctx.running.window.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  expect(await keychainToken('jperez')).toBeNull();
});
