import { expect, test } from '@playwright/test';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { useBackendAndApp } from './support/suite';

const ctx = useBackendAndApp();

test('Configuración de conexión refuses plain http to another machine, tests and saves the backend URL', async () => {
  const profile = newUserDataDir();
  // No ECUAPASS_API_URL: the saved setting decides.
  ctx.running = await launchApp({ apiUrl: '', userDataDir: profile });
  const page = ctx.running.window;
  await page.getByRole('button', { name: 'Configuración de conexión' }).click();
  await expect(page.getByRole('heading', { name: 'Configuración de conexión' })).toBeVisible();
  const url = page.getByLabel('Dirección del servidor Ecuapass');
  await expect(url).toHaveValue('http://127.0.0.1:4010');

  await url.fill('http://192.168.1.10:4010');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('alert')).toContainText('https');
  await expect(url).toHaveAttribute('aria-invalid', 'true');

  await url.fill('esto no es una dirección');
  await page.getByRole('button', { name: 'Probar conexión' }).click();
  await expect(page.getByRole('alert')).toContainText('no es válida');

  await page.getByLabel('Bloqueo por inactividad (minutos)').fill('0');
  await url.fill(ctx.backend.url);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByLabel('Bloqueo por inactividad (minutos)')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Bloqueo por inactividad (minutos)').fill('20');
  await page.getByRole('button', { name: 'Probar conexión' }).click();
  await expect(page.getByRole('status')).toContainText('Conexión correcta');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toContainText('Configuración guardada.');
  await screenshot(page, '30-configuracion');

  // The saved URL is used for the login, now and after a restart.
  await page.getByRole('button', { name: 'Volver' }).click();
  await page.getByLabel('ID.usuario').fill('jperez');
  await page.getByLabel('Contraseña', { exact: true }).fill('Aduana#2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  const info = await page.evaluate(() => window.ecuapass.getSettings());
  expect(info).toMatchObject({ ok: true, value: { backendUrl: ctx.backend.url, backendUrlSource: 'settings', idleLockMinutes: 20 } });
});
