import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, newUserDataDir, screenshot, type LaunchedApp } from './support/desktop-app';
import { DEMO, login, openUsuarioGeneralForm } from './support/login';
import { SCREENS_DIR } from './support/paths';
import { startPrivateKeyring, type PrivateKeyring } from './support/private-keyring';
import { useBackendAndApp } from './support/suite';

/**
 * Issue 28, "Mi cuenta": two app instances signed in as one user (two profiles): B sees A in Sesiones activas and
 * closes it, A's next call lands on the login screen with "Su sesión se cerró desde otro equipo" and what A typed
 * comes back after logging in again; the confirmation lists the changed fields old → new (and says when nothing
 * changed, without Sí); the constancia PDF is written where the save dialog says and its text holds the changes.
 */

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp({ clearKeychain: 'each' });
const WELCOME = { name: 'Bienvenido al portal externo Ecuapass' };
const LOGIN = { name: 'Ingreso al portal externo' };

let second: LaunchedApp | null = null;
let keyring: PrivateKeyring | null = null;
test.afterEach(async () => {
  await second?.close();
  second = null;
  keyring?.stop();
  keyring = null;
});

async function openMiCuenta(window: Page, name: string): Promise<void> {
  await window.getByRole('button', { name: new RegExp(`^${name}.*Mi cuenta`) }).click();
  await expect(window.getByRole('heading', { name: 'Mi cuenta', level: 1 })).toBeVisible();
}

test('B sees A in Sesiones activas and closes it; A is told on its login screen, and its typed form comes back', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const a = ctx.running.window;
  await login(a, 'cvera', DEMO.jperez.password);
  await expect(a.getByRole('heading', WELCOME)).toBeVisible();
  await openUsuarioGeneralForm(a);
  await a.getByLabel('Teléfono1').fill('022111222');

  // B is another workstation: its own profile and its own OS keychain (one keychain holds one session per user, and
  // a login replaces the one it holds).
  keyring = startPrivateKeyring(mkdtempSync(path.join(tmpdir(), 'ecuapass-e2e-keyring-b-')), 'clave-del-equipo-b');
  second = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir(), env: keyring.env });
  const b = second.window;
  await login(b, 'cvera', DEMO.jperez.password);
  await expect(b.getByRole('heading', WELCOME)).toBeVisible();
  // Último ingreso: A's login, from this same workstation.
  await expect(b.getByText(/^Último ingreso: .+, desde /)).toBeVisible();
  await openMiCuenta(b, 'Carlos Andrés Vera Salazar');

  const sessions = b.getByRole('table', { name: 'Sesiones abiertas con su usuario' });
  const rows = sessions.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Este equipo' })).toHaveCount(1);
  const other = rows.filter({ hasNotText: 'Este equipo' });
  // What the app said about itself: the version of the app and the address the backend saw.
  await expect(other).toContainText('127.0.0.1');
  await expect(b.getByRole('table', { name: /Eventos de su cuenta/ })).toContainText('Ingreso');
  await screenshot(b, '40-mi-cuenta');

  await other.getByRole('button', { name: /^Cerrar sesión de / }).click();
  const confirm = b.getByRole('alertdialog', { name: 'Cerrar sesión' });
  await expect(confirm).toContainText('¿Desea cerrar la sesión de');
  await confirm.getByRole('button', { name: 'Sí' }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Se cerró la sesión de' })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(b.getByRole('button', { name: 'Cerrar las demás sesiones' })).toBeDisabled();
  await expect(b.getByRole('table', { name: /Eventos de su cuenta/ })).toContainText('Sesión cerrada desde Mi cuenta');

  // A learns it at its next call.
  await a.getByRole('radio', { name: 'Si' }).check();
  await a.getByRole('button', { name: 'Modificar', exact: true }).click();
  await a.getByRole('alertdialog', { name: 'Confirmación' }).getByRole('button', { name: 'Sí' }).click();
  await expect(a.getByRole('heading', LOGIN)).toBeVisible();
  await expect(a.getByRole('status')).toContainText('Su sesión se cerró desde otro equipo');
  await expect(a.getByLabel('ID.usuario')).toHaveValue('cvera');
  await screenshot(a, '41-session-closed-elsewhere');
  await a.getByLabel('Contraseña', { exact: true }).fill(DEMO.jperez.password);
  await a.getByRole('button', { name: 'Ingresar' }).click();
  await expect(a.getByLabel('Teléfono1')).toHaveValue('022111222');
});

test('the confirmation lists each changed field old → new; the constancia PDF holds them and the reference', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { app, window } = ctx.running;
  await login(window, 'mlopez', DEMO.jperez.password);
  await openUsuarioGeneralForm(window);
  await window.getByRole('radio', { name: 'Si' }).check();

  // Nothing changed: the dialog says so and offers no Sí.
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();
  const nothing = window.getByRole('dialog', { name: 'Resumen de cambios' });
  await expect(nothing).toContainText('No hay cambios');
  await expect(nothing.getByRole('button', { name: 'Sí' })).toHaveCount(0);
  await nothing.getByRole('button', { name: 'Aceptar' }).click();

  const phone1 = await window.getByLabel('Teléfono1').inputValue();
  await window.getByLabel('Teléfono1').fill('016017777777');
  await window.getByLabel('Fax').fill('016016666666');
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();
  const confirm = window.getByRole('alertdialog', { name: 'Confirmación' });
  const summary = confirm.getByRole('list', { name: 'Resumen de cambios' });
  await expect(summary.getByRole('listitem')).toHaveText([`Teléfono1: ${phone1} → 016017777777`, 'Fax: (vacío) → 016016666666']);
  await screenshot(window, '42-resumen-de-cambios');
  await confirm.getByRole('button', { name: 'Sí' }).click();
  const done = window.getByRole('dialog', { name: 'Información' });
  await expect(done).toContainText('La información de registro se modificó con éxito.');

  // The OS save dialog answers with a path of the test's (Electron's dialog module, replaced in the main process).
  const dir = mkdtempSync(path.join(tmpdir(), 'ecuapass-e2e-constancia-'));
  const file = path.join(dir, 'constancia');
  await app.evaluate(({ dialog }, chosen) => {
    const answer = async () => ({ canceled: false, filePath: chosen });
    (dialog as { showSaveDialog: unknown }).showSaveDialog = answer;
  }, file);
  await done.getByRole('button', { name: 'Guardar constancia (PDF)' }).click();
  await expect(done.getByRole('status')).toHaveText('La constancia se guardó.');
  const pdf = `${file}.pdf`;
  expect(existsSync(pdf)).toBe(true);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

  // -layout keeps each table row on one line; words are compared with the line breaks of the layout evened out.
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const words = text.replace(/\s+/g, ' ');
  expect(words).toContain('Constancia de modificación de información de registro');
  expect(words).toMatch(/ID\.usuario mlopez/);
  expect(words).toMatch(/Nombre María Fernanda López/);
  expect(text).toMatch(new RegExp(`Teléfono1\\s+${phone1}\\s+016017777777`));
  expect(text).toMatch(/Fax\s+\(vacío\)\s+016016666666/);
  expect(words).toMatch(/Número de referencia AUD-\d{6}/);
  expect(words).toMatch(/Fecha y hora \d{1,2} de \S+ de \d{4}.*hora de Ecuador/);
  mkdirSync(SCREENS_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SCREENS_DIR, '43-constancia-pdf')]);
  expect(existsSync(path.join(SCREENS_DIR, '43-constancia-pdf.png'))).toBe(true);

  // The reference is the audit event's number: it is in Actividad de la cuenta as that modification.
  await done.getByRole('button', { name: 'Aceptar' }).click();
  await openMiCuenta(window, 'María Fernanda López');
  await expect(window.getByRole('table', { name: /Eventos de su cuenta/ }).locator('tbody tr').first()).toContainText('Modificación: Teléfono1, Fax');
});
