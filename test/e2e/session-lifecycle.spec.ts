import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { keychainAccounts, keychainToken } from './support/keychain';
import { DEMO, login, modificarKeepingEmail, openUsuarioGeneralForm } from './support/login';
import { REPO_ROOT } from './support/paths';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp({ clearKeychain: 'each' });

const WELCOME = { name: 'Bienvenido al portal externo Ecuapass' };
const LOGIN = { name: 'Ingreso al portal externo' };

async function revokeBehindTheAppsBack(userId: string): Promise<void> {
  const token = await keychainToken(userId);
  expect(token).toBeTruthy();
  const res = await fetch(`${ctx.backend.url}/api/v1/sessions/current`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(204);
}

test('a 401 mid-edit asks for the password and puts the typed form back for the same user only', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { window } = ctx.running;
  await login(window, 'mlopez', DEMO.jperez.password);
  await openUsuarioGeneralForm(window);
  await window.getByLabel('Teléfono1').fill('016019999999');
  await window.getByLabel('Fax').fill('016018888888');
  await revokeBehindTheAppsBack('mlopez');

  await modificarKeepingEmail(window);
  await expect(window.getByRole('heading', LOGIN)).toBeVisible();
  await expect(window.getByRole('status')).toContainText('Su sesión ha terminado');
  await expect(window.getByLabel('ID.usuario')).toHaveValue('mlopez');
  expect(await keychainToken('mlopez')).toBeNull();
  await screenshot(window, '20-session-expired');

  await window.getByLabel('Contraseña', { exact: true }).fill(DEMO.jperez.password);
  await window.getByRole('button', { name: 'Ingresar' }).click();
  await expect(window.getByLabel('Teléfono1')).toHaveValue('016019999999');
  await expect(window.getByLabel('Fax')).toHaveValue('016018888888');
  await expect(window.getByRole('radio', { name: 'Si' })).toBeChecked();

  // Another user after an expiry gets a clean form.
  await revokeBehindTheAppsBack('mlopez');
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();
  await window.getByRole('alertdialog', { name: 'Confirmación' }).getByRole('button', { name: 'Sí' }).click();
  await expect(window.getByRole('heading', LOGIN)).toBeVisible();
  await window.getByLabel('ID.usuario').fill('jperez');
  await window.getByLabel('Contraseña', { exact: true }).fill(DEMO.jperez.password);
  await window.getByRole('button', { name: 'Ingresar' }).click();
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  await openUsuarioGeneralForm(window);
  await expect(window.getByLabel('Teléfono1')).toHaveValue('042345678');
  await expect(window.getByLabel('Fax')).toHaveValue('');
});

test('the idle lock returns to the login screen and revokes the session', async () => {
  const profile = newUserDataDir();
  writeFileSync(path.join(profile, 'settings.json'), JSON.stringify({ idleLockMinutes: 0.05 }));
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  const token = await keychainToken('jperez');
  // 3 s without input.
  await expect(window.getByRole('heading', LOGIN)).toBeVisible({ timeout: 15_000 });
  await expect(window.getByRole('status')).toContainText('sin actividad');
  expect(await keychainToken('jperez')).toBeNull();
  const res = await fetch(`${ctx.backend.url}/api/v1/sessions/current`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(401);
  await screenshot(window, '21-idle-locked');
});

test('two users are remembered on one workstation and one is forgotten', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { window } = ctx.running;
  await login(window, 'jperez', DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  await window.getByRole('button', { name: 'Cambiar de usuario' }).click();
  await login(window, 'mlopez', DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  expect(await keychainAccounts()).toEqual(['jperez', 'mlopez']);

  await window.getByRole('button', { name: 'Cambiar de usuario' }).click();
  await expect(window.getByRole('listitem', { name: 'jperez' })).toBeVisible();
  await expect(window.getByRole('listitem', { name: 'mlopez' })).toBeVisible();
  await screenshot(window, '22-remembered-users');
  const mlopezToken = await keychainToken('mlopez');
  await window.getByRole('listitem', { name: 'mlopez' }).getByRole('button', { name: 'Olvidar este usuario' }).click();
  await expect(window.getByRole('listitem', { name: 'mlopez' })).toHaveCount(0);
  expect(await keychainAccounts()).toEqual(['jperez']);
  const res = await fetch(`${ctx.backend.url}/api/v1/sessions/current`, { headers: { Authorization: `Bearer ${mlopezToken}` } });
  expect(res.status).toBe(401);

  // The remembered one continues without a password.
  await window.getByRole('button', { name: 'Continuar como jperez' }).click();
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
});

test('Cerrar sesión deletes the keychain entry even when the backend cannot be reached', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { window } = ctx.running;
  await login(window, 'jperez', DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  await ctx.backend.stop();
  try {
    await window.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect(window.getByRole('heading', LOGIN)).toBeVisible();
    expect(await keychainToken('jperez')).toBeNull();
  } finally {
    await ctx.backend.start();
  }
});

test('a second launch focuses the first window instead of opening another', async () => {
  const profile = newUserDataDir();
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  await expect(ctx.running.window.getByRole('heading', LOGIN)).toBeVisible();
  const packaged = process.env.ECUAPASS_E2E_PACKAGED;
  const electron = packaged ?? (require('electron') as unknown as string);
  const args = [...(packaged ? [] : [REPO_ROOT]), `--user-data-dir=${profile}`, '--no-sandbox'];
  const second = spawn(electron, args, { env: { ...process.env, ECUAPASS_API_URL: ctx.backend.url }, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      second.kill('SIGKILL');
      resolve(-1);
    }, 20_000);
    second.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code).toBe(0);
  expect(ctx.running.app.windows()).toHaveLength(1);
});

test('dar de baja: reason, confirmation, information, login refused, keychain entry gone', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { window } = ctx.running;
  await login(window, 'cvera', DEMO.jperez.password);
  await openUsuarioGeneralForm(window);
  await window.getByRole('button', { name: 'Dar de baja' }).click();
  const dialog = window.getByRole('dialog', { name: 'Dar de baja al usuario' });
  await dialog.getByLabel('Motivo').fill('corto');
  await dialog.getByRole('button', { name: 'Dar de baja' }).click();
  await expect(dialog.getByText('El motivo debe tener entre 10 y 500 caracteres.')).toBeVisible();
  await expect(dialog.getByLabel('Motivo')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Motivo').fill('La empresa cerró sus operaciones de comercio exterior.');
  await screenshot(window, '23-dar-de-baja');
  await dialog.getByRole('button', { name: 'Dar de baja' }).click();
  const confirm = window.getByRole('alertdialog', { name: 'Confirmación' });
  await expect(confirm).toContainText('no se puede deshacer');
  await confirm.getByRole('button', { name: 'Sí' }).click();
  const info = window.getByRole('dialog', { name: 'Información' });
  await expect(info).toBeVisible();
  await screenshot(window, '24-dado-de-baja');
  await info.getByRole('button', { name: 'Aceptar' }).click();
  await expect(window.getByRole('heading', LOGIN)).toBeVisible();
  expect(await keychainToken('cvera')).toBeNull();

  await login(window, 'cvera', DEMO.jperez.password);
  await expect(window.getByRole('alert')).toContainText('fue dado de baja');
  await expect(window.getByRole('alert')).toContainText('Solicitud de registro para Usuario General');
});
