import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { exitedOrExplained, launchApp, newUserDataDir, screenshot, type LaunchedApp } from './support/desktop-app';
import { DEMO, login, openUsuarioGeneralForm } from './support/login';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'default' });

// Registered before the suite's own afterEach (which closes the app politely): a form with changes
// holds the app's close, so such an app is ended the hard way first.
test.afterEach(async () => {
  if (ctx.running) await kill(ctx.running);
  ctx.running = null;
});
const ctx = useBackendAndApp({ clearKeychain: 'each' });
const WELCOME = { name: 'Bienvenido al portal externo Ecuapass' };
const LOGIN = { name: 'Ingreso al portal externo' };
const FORM = { name: 'Modificar información de registro para Usuario General' };
const NOTICE = /Se recuperaron cambios sin guardar del \d/;

const TYPED: Record<string, string> = {
  'Nombre de Usuario': 'Juan Carlos Peres Mendoza',
  Teléfono1: '042987654',
  Teléfono2: '042555666',
  Fax: '042111222',
  'Correo electrónico': 'jc.perez@example.com',
  'Confirmación de correo electrónico': 'jc.perez@example.com',
};

async function typeChanges(window: Page): Promise<void> {
  for (const [label, value] of Object.entries(TYPED)) await window.getByLabel(label, { exact: true }).fill(value);
  // Secrets are typed too, and must never reach the draft.
  await window.getByLabel('Contraseña anterior').fill(DEMO.jperez.password);
}

async function expectTyped(window: Page): Promise<void> {
  for (const [label, value] of Object.entries(TYPED)) await expect(window.getByLabel(label, { exact: true })).toHaveValue(value);
  await expect(window.getByLabel('Contraseña anterior')).toHaveValue('');
}

function draftFiles(profile: string): string[] {
  try {
    return readdirSync(path.join(profile, 'drafts')).filter((n) => n.endsWith('.draft'));
  } catch {
    return [];
  }
}

/**
 * The draft is on disk (debounced, at most a second behind) and holds no password. Where the OS
 * offers safeStorage encryption no typed value is in its bytes either; where it does not (this
 * machine's Electron 25 test runtime reports none, even in a GNOME session) it is plain JSON that
 * only this OS user can read (0600).
 */
async function expectDraftOnDisk(app: ElectronApplication, profile: string): Promise<void> {
  const read = () => {
    const [file] = draftFiles(profile);
    return file ? readFileSync(path.join(profile, 'drafts', file)) : null;
  };
  await expect.poll(() => read()?.includes(Buffer.from(TYPED.Fax!)) ?? false, { timeout: 5000 }).toBe(!(await encrypts(app)));
  await expect.poll(() => (read()?.length ?? 0) > 0, { timeout: 5000 }).toBe(true);
  const bytes = read()!;
  expect(bytes.includes(Buffer.from(DEMO.jperez.password))).toBe(false);
  expect(bytes.toString('latin1')).not.toMatch(/password|ticket|securityCode/i);
  if (await encrypts(app)) {
    expect(bytes.includes(Buffer.from('safeStorage'))).toBe(true);
    for (const typed of Object.values(TYPED)) expect(bytes.includes(Buffer.from(typed, 'utf8')), typed).toBe(false);
  } else {
    expect(statSync(path.join(profile, 'drafts', draftFiles(profile)[0]!)).mode & 0o777).toBe(0o600);
  }
}

function encrypts(app: ElectronApplication): Promise<boolean> {
  return app.evaluate(({ safeStorage }) => safeStorage.isEncryptionAvailable());
}

async function exited(app: ElectronApplication): Promise<void> {
  const proc = app.process();
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise((resolve) => proc.once('exit', resolve));
}

/** Ends an app whose form has changes (its close would be held): as a crash would. */
async function kill(running: LaunchedApp): Promise<void> {
  const proc = running.app.process();
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  process.kill(proc.pid!, 'SIGKILL');
  await exited(running.app);
}

/** After a start with a remembered session the portal shows; otherwise log in as the same user. */
async function signInAgain(window: Page): Promise<void> {
  await expect(window.getByRole('heading', WELCOME).or(window.getByRole('heading', LOGIN))).toBeVisible();
  if (await window.getByRole('heading', LOGIN).isVisible()) {
    await login(window, DEMO.jperez.userId, DEMO.jperez.password);
    await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  }
}

function launch(profile: string): Promise<LaunchedApp> {
  return launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
}

/**
 * A real Ctrl+Q from the X server (xdotool), as the keyboard sends it: Playwright's key events go
 * to the page only and never reach the application menu's accelerator.
 */
async function pressCtrlQ(window: Page): Promise<void> {
  await window.bringToFront();
  execFileSync('xdotool', ['search', '--sync', '--name', '^Ecuapass Desktop$', 'windowfocus', '--sync', 'key', '--clearmodifiers', 'ctrl+q'], { timeout: 15_000 });
}

/**
 * After a renderer crash the window reloads itself and signs the same user in again (the session
 * lives in the main process): the main process's log shows the page asking for it anew. Playwright's
 * page object dies with the crashed renderer, so the page is then checked after a restart.
 */
async function expectReloadedAfterCrash(app: ElectronApplication, profile: string): Promise<void> {
  const log = () => readFileSync(path.join(profile, 'logs', 'main.log'), 'utf8');
  await expect.poll(() => /renderer gone \(crashed[\s\S]*IPC restoreSession: ok/.test(log()), { timeout: 20_000 }).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.isCrashed())).toBe(false);
  expect(app.process().exitCode).toBeNull();
}

const WAYS = ['close the window', 'Ctrl+Q', 'kill -9 the main process', 'crash the renderer'] as const;

for (const way of WAYS) {
  test(`typed changes survive "${way}": the notice offers them, Restaurar brings every value back`, async () => {
    const profile = newUserDataDir();
    ctx.running = await launch(profile);
    const { app } = ctx.running;
    let { window } = ctx.running;
    await login(window, DEMO.jperez.userId, DEMO.jperez.password);
    await openUsuarioGeneralForm(window);
    await typeChanges(window);
    await expectDraftOnDisk(ctx.running.app, profile);

    if (way === 'close the window' || way === 'Ctrl+Q') {
      if (way === 'Ctrl+Q') await pressCtrlQ(window);
      else await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      // Held: the unsaved-changes question; Sí leaves without saving (the draft stays for next time).
      const dialog = window.getByRole('alertdialog', { name: 'Cambios sin guardar' });
      await expect(dialog).toBeVisible();
      // The app quits under the click.
      await Promise.all([exitedOrExplained(app.process(), exited(app), profile), dialog.getByRole('button', { name: 'Sí' }).click().catch(() => undefined)]);
    } else if (way === 'kill -9 the main process') {
      await kill(ctx.running);
    }
    if (way === 'crash the renderer') {
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
      await expectReloadedAfterCrash(app, profile);
      await kill(ctx.running);
    }
    ctx.running = await launch(profile);
    window = ctx.running.window;
    await signInAgain(window);

    if (way === 'kill -9 the main process') {
      // Another user on the same workstation never sees it.
      await window.getByRole('button', { name: 'Cambiar de usuario' }).click();
      await login(window, 'mlopez', DEMO.jperez.password);
      await expect(window.getByRole('heading', WELCOME)).toBeVisible();
      await openUsuarioGeneralForm(window);
      await expect(window.getByLabel('ID.usuario')).toHaveValue('mlopez');
      await expect(window.getByText('Se recuperaron cambios sin guardar')).toHaveCount(0);
      await window.getByRole('button', { name: 'Cambiar de usuario' }).click();
      await window.getByRole('button', { name: 'Continuar como jperez' }).click();
      await expect(window.getByRole('heading', WELCOME)).toBeVisible();
    }

    await openUsuarioGeneralForm(window);
    await expect(window.getByText(NOTICE)).toBeVisible();
    // Until answered, the form shows what is stored (Correo electrónico: the registered address).
    await expect(window.getByLabel('Teléfono1')).toHaveValue('042345678');
    await expect(window.getByLabel('Correo electrónico', { exact: true })).toHaveValue('jperez@example.com');
    if (way === 'close the window') await screenshot(window, '80-draft-restore-notice');
    await window.getByRole('button', { name: 'Restaurar' }).click();
    await expectTyped(window);
    await expect(window.getByText(NOTICE)).toHaveCount(0);
    await kill(ctx.running);
    ctx.running = null;
  });
}

test('Descartar deletes the draft: not offered again, the stored values stay', async () => {
  const profile = newUserDataDir();
  ctx.running = await launch(profile);
  await login(ctx.running.window, DEMO.jperez.userId, DEMO.jperez.password);
  await openUsuarioGeneralForm(ctx.running.window);
  await typeChanges(ctx.running.window);
  await expectDraftOnDisk(ctx.running.app, profile);
  await kill(ctx.running);

  ctx.running = await launch(profile);
  const { window } = ctx.running;
  await signInAgain(window);
  await openUsuarioGeneralForm(window);
  await window.getByRole('button', { name: 'Descartar' }).click();
  await expect(window.getByText(NOTICE)).toHaveCount(0);
  await expect(window.getByLabel('Teléfono1')).toHaveValue('042345678');
  expect(draftFiles(profile)).toEqual([]);
  await ctx.running.close();
  ctx.running = await launch(profile);
  await signInAgain(ctx.running.window);
  await openUsuarioGeneralForm(ctx.running.window);
  await expect(ctx.running.window.getByLabel('Teléfono1')).toHaveValue('042345678');
  await expect(ctx.running.window.getByText('Se recuperaron cambios sin guardar')).toHaveCount(0);
});

test('the unsaved-changes question on every way of leaving the form; No keeps the values', async () => {
  ctx.running = await launch(newUserDataDir());
  const { app, window } = ctx.running;
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await openUsuarioGeneralForm(window);
  await window.getByLabel('Teléfono1').fill('042987654');
  await window.getByLabel('Fax').fill('042111222');
  const dialog = window.getByRole('alertdialog', { name: 'Cambios sin guardar' });

  const ways: Array<[string, () => Promise<unknown>]> = [
    ['Cerrar sesión', () => window.getByRole('button', { name: 'Cerrar sesión' }).click()],
    ['Cambiar de usuario', () => window.getByRole('button', { name: 'Cambiar de usuario' }).click()],
    ['Configuración', () => window.getByRole('button', { name: 'Configuración' }).click()],
    [
      'Menú',
      async () => {
        await window.getByRole('button', { name: 'Menú' }).click();
        await window.getByRole('button', { name: 'Soporte al Cliente' }).click();
        await window.getByRole('button', { name: 'Registro de usuario' }).click();
        await window.getByRole('button', { name: '3.2.3 Modificar información de registro de usuario' }).click();
      },
    ],
    ['window close', () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close())],
    ['Ctrl+Q', () => pressCtrlQ(window)],
    ['Archivo > Salir', () => app.evaluate(({ Menu }) => {
      const archivo = Menu.getApplicationMenu()!.items.find((i) => i.label === 'Archivo')!;
      archivo.submenu!.items.find((i) => i.label === 'Salir')!.click();
    })],
  ];
  for (const [name, leave] of ways) {
    await leave();
    await expect(dialog, name).toBeVisible();
    await expect(dialog).toContainText('¿Desea salir sin guardar?');
    if (name === 'Cerrar sesión') await screenshot(window, '81-unsaved-changes-dialog');
    await dialog.getByRole('button', { name: 'No' }).click();
    await expect(dialog).toBeHidden();
    await expect(window.getByRole('heading', FORM), name).toBeVisible();
    await expect(window.getByLabel('Teléfono1')).toHaveValue('042987654');
    await expect(window.getByLabel('Fax')).toHaveValue('042111222');
    expect(app.process().exitCode, name).toBeNull();
  }

  // Sí leaves: here "Cerrar sesión" goes through.
  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await dialog.getByRole('button', { name: 'Sí' }).click();
  await expect(window.getByRole('heading', LOGIN)).toBeVisible();
});

test('with nothing changed, leaving asks nothing; without OS encryption Configuración says drafts are not encrypted', async () => {
  // No desktop session: Chromium offers no safeStorage encryption.
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { window } = ctx.running;
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await openUsuarioGeneralForm(window);
  await window.getByLabel('Teléfono1').fill('042987654');
  await window.getByLabel('Teléfono1').fill('042345678');
  await window.getByRole('button', { name: 'Configuración' }).click();
  await expect(window.getByRole('heading', { name: 'Configuración de conexión' })).toBeVisible();
  await expect(window.getByRole('alertdialog', { name: 'Cambios sin guardar' })).toHaveCount(0);
  await expect(window.getByRole('note')).toContainText('sin cifrar, que solo su usuario del sistema puede leer');
  await screenshot(window, '82-drafts-not-encrypted-notice');
});
