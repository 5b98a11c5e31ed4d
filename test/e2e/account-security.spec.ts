import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { login } from './support/login';
import { automaticKeySentTo, mailbox } from './support/mailbox';
import { useBackendAndApp } from './support/suite';

// Reiniciar clave and two-step verification (issue 27), end to end in the app against the sandbox backend.
test.describe.configure({ mode: 'serial' });

const ctx = useBackendAndApp({ clearKeychain: 'once' });
const profile = newUserDataDir();
const NEW_PASSWORD = 'Nueva#Clave2027';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

/** What an authenticator app shows for the key typed by hand, once the time step after `after` has begun. */
async function codeAfter(manualKey: string, after: number): Promise<string> {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(manualKey.replace(/\s/g, '')) });
  const step = () => Math.floor(Date.now() / 30_000);
  while (step() <= after) await new Promise((r) => setTimeout(r, 250));
  return totp.generate();
}

let manualKey = '';
let confirmedStep = 0;

test('Reiniciar clave from the login screen → mail → login with the key → Cambio de clave obligatorio → in', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await expect(window.getByRole('button', { name: 'Reiniciar clave' })).toBeVisible();
  await screenshot(window, 'reset-00-login-reiniciar-clave');
  await window.getByRole('button', { name: 'Reiniciar clave' }).click();
  await expect(window.getByRole('heading', { name: 'Solicitud de reinicio de clave automática' })).toBeVisible();
  await expect(window.getByLabel('Clasificación de usuario').locator('option:checked')).toHaveText('Usuario General');
  expect(await seriousViolations(window)).toEqual([]);
  await screenshot(window, 'reset-01-solicitud');

  // A cédula whose check digit is wrong is refused before anything is sent.
  await window.getByLabel('ID.usuario').fill('cvera');
  await window.getByLabel('Doc. Identificación').fill('1708642136');
  await window.getByLabel('Correo electrónico registrado').fill('cvera@example.com');
  await window.getByRole('button', { name: 'Solicitar clave automática' }).click();
  await expect(window.getByLabel('Doc. Identificación')).toHaveAttribute('aria-invalid', 'true');
  await expect(window.getByText('El número de cédula no es válido.')).toBeVisible();
  await screenshot(window, 'reset-02-cedula-invalida');
  expect((await mailbox(ctx.backend.url)).filter((m) => m.to === 'cvera@example.com')).toEqual([]);

  await window.getByLabel('Doc. Identificación').fill('1708642135');
  await window.getByRole('button', { name: 'Solicitar clave automática' }).click();
  await expect(window.getByRole('status')).toContainText('Si los datos corresponden a un Usuario General activo');
  await screenshot(window, 'reset-03-solicitud-enviada');
  const key = await automaticKeySentTo(ctx.backend.url, 'cvera@example.com');

  await window.getByRole('button', { name: 'Volver al ingreso' }).click();
  await login(window, 'cvera', key);
  await expect(window.getByRole('heading', { name: 'Cambio de clave obligatorio' })).toBeVisible();
  expect(await seriousViolations(window)).toEqual([]);
  await screenshot(window, 'reset-04-cambio-obligatorio');
  // The page does not hold the key it sent.
  expect(await window.evaluate(() => document.documentElement.outerHTML)).not.toContain(key);

  await window.getByLabel('Contraseña', { exact: true }).fill('corta');
  await window.getByLabel('Confirmación', { exact: true }).fill('corta');
  await window.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(window.getByLabel('Contraseña', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await screenshot(window, 'reset-05-cambio-obligatorio-error');
  await window.getByLabel('Contraseña', { exact: true }).fill(NEW_PASSWORD);
  await window.getByLabel('Confirmación', { exact: true }).fill(NEW_PASSWORD);
  await window.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await expect(window.getByText('Usuario: Carlos Andrés Vera Salazar')).toBeVisible();
  const notices = (await mailbox(ctx.backend.url)).filter((m) => m.to === 'cvera@example.com').map((m) => m.subject);
  expect(notices).toEqual(['REINICIO DE CLAVE AUTOMÁTICA DE ECUAPASS', 'AVISO DE INGRESO CON CLAVE AUTOMÁTICA EN ECUAPASS', 'AVISO DE MODIFICACIÓN DE REGISTRO EN ECUAPASS']);
});

test('enrol TOTP: QR drawn locally and a manual key, one code, 10 recovery codes shown once', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await window.getByRole('button', { name: 'Verificación en dos pasos' }).click();
  await expect(window.getByRole('heading', { name: 'Verificación en dos pasos' })).toBeVisible();
  await screenshot(window, 'reset-06-dos-pasos-desactivada');
  await window.getByRole('button', { name: 'Activar verificación en dos pasos' }).click();
  const qr = window.getByRole('img', { name: 'Código QR para la aplicación de autenticación' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  manualKey = (await window.getByTestId('two-factor-manual-key').textContent()) ?? '';
  expect(manualKey).toMatch(/^[A-Z2-7 ]{32,}$/);
  expect(await seriousViolations(window)).toEqual([]);
  await screenshot(window, 'reset-07-dos-pasos-qr');

  const code = await codeAfter(manualKey, 0);
  confirmedStep = Math.floor(Date.now() / 30_000);
  await window.getByRole('textbox', { name: 'Código de verificación' }).fill(code);
  await window.getByRole('button', { name: 'Confirmar' }).click();
  const codes = window.getByRole('list', { name: 'Códigos de recuperación' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const shown = await codes.allTextContents();
  await screenshot(window, 'reset-08-codigos-recuperacion');
  // The key is gone from the page once confirmed; the codes once they are kept.
  expect(await window.evaluate(() => document.documentElement.outerHTML)).not.toContain(manualKey);
  await window.getByRole('button', { name: 'Ya guardé los códigos' }).click();
  await expect(window.getByText('La verificación en dos pasos está activada.')).toBeVisible();
  const html = await window.evaluate(() => document.documentElement.outerHTML);
  for (const c of shown) expect(html).not.toContain(c);
  await expect(window.getByText('Códigos de recuperación sin usar: 10.')).toBeVisible();
  await screenshot(window, 'reset-09-dos-pasos-activada');

  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(window.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
});

test('logout → login with the password → Código de verificación → in', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await login(window, 'cvera', NEW_PASSWORD);
  await expect(window.getByRole('heading', { name: 'Código de verificación' })).toBeVisible();
  expect(await seriousViolations(window)).toEqual([]);
  await screenshot(window, 'reset-10-codigo-verificacion');
  const codeBox = window.getByRole('textbox', { name: 'Código de verificación' });
  await codeBox.fill('000000');
  await window.getByRole('button', { name: 'Verificar' }).click();
  await expect(window.getByRole('alert')).toHaveText('El código de verificación no es correcto.');
  await screenshot(window, 'reset-11-codigo-incorrecto');
  // The code confirmed at enrolment is not accepted again: the next one is.
  await codeBox.fill(await codeAfter(manualKey, confirmedStep));
  await window.getByRole('button', { name: 'Verificar' }).click();
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
});
