import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { DEMO } from './support/login';
import { securityCodeSentTo } from './support/mailbox';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp();

async function seriousViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe inside this page: Electron cannot open the helper page axe would use.
  const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Presses Tab until the focused control has that accessible name (the keyboard alone). */
async function tabTo(page: Page, name: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (focused === name) return;
  }
  throw new Error(`could not reach "${name}" with Tab`);
}

test('axe finds no serious or critical violation on the login, menu and form screens', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('ID.usuario').fill('jperez');
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO.jperez.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('button', { name: 'Menú' }).click();
  await page.getByRole('button', { name: 'Soporte al Cliente' }).click();
  await page.getByRole('button', { name: 'Registro de usuario' }).click();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: '3.2.3 Modificar información de registro de usuario' }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Modificar información de registro para Usuario General' }).click();
  await expect(page.getByLabel('Teléfono1')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // With errors shown, too.
  await page.getByRole('button', { name: 'Modificar', exact: true }).click();
  await expect(page.getByLabel('Correo electrónico', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the whole email change works with the keyboard alone', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  // ID.usuario has the focus at start.
  await page.keyboard.type('mlopez');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.jperez.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();

  await tabTo(page, 'Menú');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Soporte al Cliente');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Registro de usuario');
  await page.keyboard.press('Enter');
  await tabTo(page, '3.2.3 Modificar información de registro de usuario');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Modificar información de registro para Usuario General');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Teléfono1')).toBeVisible();

  const email = 'maria.lopez@example.net';
  await tabTo(page, 'Correo electrónico');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await tabTo(page, 'Verificar disponibilidad');
  await page.keyboard.press('Enter');
  await expect(page.getByText('El correo electrónico está disponible.')).toBeVisible();
  await tabTo(page, 'Solicitar código de seguridad');
  await page.keyboard.press('Enter');
  const sent = page.getByRole('dialog', { name: 'Código de seguridad enviado' });
  await expect(sent).toBeVisible();
  // The dialog's Aceptar has the focus.
  await page.keyboard.press('Enter');
  await expect(sent).toBeHidden();

  const code = await securityCodeSentTo(ctx.backend.url, email);
  await tabTo(page, 'Ingrese código de seguridad');
  await page.keyboard.type(code);
  await tabTo(page, 'Modificar');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog', { name: 'Confirmación' })).toBeVisible();
  await page.keyboard.press('Enter'); // Sí has the focus
  const done = page.getByRole('dialog', { name: 'Información' });
  await expect(done).toContainText('La información de registro se modificó con éxito.');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Correo registrado actualmente: ${email}`)).toBeVisible();
  await screenshot(page, '15-keyboard-email-changed');
});

test('Mi cuenta and the change summary: reached and used with the keyboard alone, and axe-clean', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  await page.keyboard.type('cvera');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.jperez.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await expect(page.getByText(/^Último ingreso:/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The user's name in the top bar opens Mi cuenta.
  await tabTo(page, 'Carlos Andrés Vera Salazar (cvera): Mi cuenta');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Mi cuenta', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sesiones abiertas con su usuario' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('table', { name: /Eventos de su cuenta/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The filter works from the keyboard: a letter picks an option of the native select.
  await tabTo(page, 'Tipo de evento');
  await page.keyboard.press('i'); // "Ingreso"
  await expect(page.getByLabel('Tipo de evento')).toHaveValue('session.login');
  await expect(page.getByRole('table', { name: /Eventos de su cuenta/ }).locator('tbody tr').first()).toContainText('Ingreso');
  expect(await seriousViolations(page)).toEqual([]);

  await tabTo(page, 'Menú');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Soporte al Cliente');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Registro de usuario');
  await page.keyboard.press('Enter');
  await tabTo(page, '3.2.3 Modificar información de registro de usuario');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Modificar información de registro para Usuario General');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Teléfono2');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('022999888');
  // Into the Si / No group (its checked option, No, takes the focus), then the arrow chooses Si.
  await tabTo(page, 'Fax');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: 'Si' })).toBeChecked();
  await tabTo(page, 'Modificar');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Confirmación' });
  await expect(confirm.getByRole('list', { name: 'Resumen de cambios' })).toContainText('Teléfono2: 022345679 → 022999888');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape'); // No
  await expect(confirm).toBeHidden();
});
