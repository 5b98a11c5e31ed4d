import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { useBackendAndApp } from './support/suite';

const ctx = useBackendAndApp();

function policyFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecuapass-policy-')), 'policy.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

test('Configuración shows what the machine policy fixes as "Administrado por su organización" and cannot change it', async () => {
  const policy = policyFile({ backendUrl: ctx.backend.url, idleLockMinutes: 7, updates: { enabled: false }, proxy: { mode: 'manual', server: '127.0.0.1:9', bypass: '127.0.0.1' } });
  // ECUAPASS_API_URL points elsewhere: the policy must win over it.
  ctx.running = await launchApp({ apiUrl: 'http://127.0.0.1:9', userDataDir: newUserDataDir(), env: { ECUAPASS_POLICY_FILE: policy } });
  const page = ctx.running.window;
  await page.getByRole('button', { name: 'Configuración de conexión' }).click();
  const url = page.getByLabel('Dirección del servidor Ecuapass');
  const idle = page.getByLabel('Bloqueo por inactividad (minutos)');
  await expect(url).toHaveValue(ctx.backend.url);
  await expect(url).toHaveAttribute('readonly', '');
  await expect(idle).toHaveValue('7');
  await expect(idle).toHaveAttribute('readonly', '');
  await expect(page.getByRole('radio', { name: 'Manual' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Sistema' })).toBeDisabled();
  await expect(page.getByLabel('Servidor proxy (host:puerto)')).toHaveValue('127.0.0.1:9');
  await expect(page.getByLabel('Servidor proxy (host:puerto)')).toHaveAttribute('readonly', '');
  // URL, idle lock, proxy mode, server and exceptions.
  await expect(page.getByText('Administrado por su organización')).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Guardar' })).toBeDisabled();
  // A managed URL can still be tested (the policy's proxy sends loopback direct: its bypass names it).
  await page.getByRole('button', { name: 'Probar conexión' }).click();
  await expect(page.getByRole('status')).toContainText('Conexión correcta');
  await screenshot(page, '60-configuracion-politica');

  // The page calling the bridge directly is refused too, and nothing changes.
  const direct = await page.evaluate(() => window.ecuapass.updateSettings({ idleLockMinutes: 30 }));
  expect(direct).toMatchObject({ ok: false, error: { code: 'MANAGED_BY_POLICY' } });
  const proxy = await page.evaluate(() => window.ecuapass.updateSettings({ proxy: { mode: 'system' } }));
  expect(proxy).toMatchObject({ ok: false, error: { code: 'MANAGED_BY_POLICY', fields: { proxy: 'Administrado por su organización' } } });
  const view = await page.evaluate(() => window.ecuapass.getSettings());
  expect(view).toMatchObject({ ok: true, value: { backendUrlSource: 'policy', idleLockMinutes: 7, proxy: { mode: 'manual', server: '127.0.0.1:9' }, policy: { status: 'applied' } } });

  // The pinned backend is the one used for the login.
  await page.getByRole('button', { name: 'Volver' }).click();
  await page.getByLabel('ID.usuario').fill('jperez');
  await page.getByLabel('Contraseña', { exact: true }).fill('Aduana#2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
});

test('a policy file with a bad value is refused: the app connects to no backend and says why', async () => {
  const policy = policyFile({ backendUrl: 'http://192.168.1.10:4010' });
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir(), env: { ECUAPASS_POLICY_FILE: policy } });
  const page = ctx.running.window;
  await page.getByLabel('ID.usuario').fill('jperez');
  await page.getByLabel('Contraseña', { exact: true }).fill('Aduana#2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('alert')).toContainText('política de su organización');
  await page.getByRole('button', { name: 'Configuración de conexión' }).click();
  await expect(page.getByRole('alert').first()).toContainText('no es válida');
  await screenshot(page, '61-configuracion-politica-invalida');
});
