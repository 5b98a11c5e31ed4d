import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { DEMO, login, modificarKeepingEmail, openUsuarioGeneralForm } from './support/login';
import { startPrivateKeyring } from './support/private-keyring';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp({ clearKeychain: 'each' });
const WELCOME = { name: 'Bienvenido al portal externo Ecuapass' };
const LOGIN = { name: 'Ingreso al portal externo' };
const NO_KEYCHAIN = 'No hay un llavero del sistema disponible';

async function helperPid(app: ElectronApplication): Promise<number | undefined> {
  return app.evaluate(({ app: a }) => a.getAppMetrics().find((m) => m.serviceName === 'Ecuapass keychain' || m.name === 'Ecuapass keychain')?.pid);
}

/** Changes Teléfono1 and saves with "Modificar" (keeping the email). */
async function saveNewPhone(window: Page, phone: string): Promise<void> {
  await openUsuarioGeneralForm(window);
  await window.getByLabel('Teléfono1').fill(phone);
  await modificarKeepingEmail(window);
  await expect(window.getByText('La información de registro se modificó con éxito.')).toBeVisible();
  await window.getByRole('button', { name: 'Aceptar' }).click();
}

test('a locked keyring holding a remembered session, whose prompter cannot run: the app starts, logs in and saves', async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'ecuapass-e2e-keyring-'));
  const profile = newUserDataDir();
  try {
    // First run: the keyring is created with the right password and the session goes into it.
    const first = startPrivateKeyring(home, 'the-right-password');
    try {
      ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile, env: first.env });
      await login(ctx.running.window, DEMO.jperez.userId, DEMO.jperez.password);
      await expect(ctx.running.window.getByRole('heading', WELCOME)).toBeVisible();
      await expect(ctx.running.window.getByText(NO_KEYCHAIN)).toHaveCount(0);
      await ctx.running.close();
      ctx.running = null;
    } finally {
      first.stop();
    }

    // Second run: unlocked with a wrong password, so the login keyring stays locked, and no display for its prompt.
    const locked = startPrivateKeyring(home, 'a-wrong-password');
    try {
      ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile, env: locked.env });
      const { app, window } = ctx.running;
      // keytar crashes in the helper (twice: start and one restart); the main process lives on.
      await expect(window.getByRole('heading', LOGIN)).toBeVisible({ timeout: 30_000 });
      expect(app.process().exitCode).toBeNull();
      await login(window, DEMO.jperez.userId, DEMO.jperez.password);
      await expect(window.getByRole('heading', WELCOME)).toBeVisible();
      await expect(window.getByText(NO_KEYCHAIN)).toBeVisible();
      await expect(window.getByRole('button', { name: 'Reintentar' })).toBeVisible();
      await screenshot(window, '90-keyring-locked-fallback');
      // Still locked: Reintentar says so, and nothing else changes.
      await window.getByRole('button', { name: 'Reintentar' }).click();
      await expect(window.getByText('El llavero del sistema sigue sin responder.')).toBeVisible({ timeout: 30_000 });
      await saveNewPhone(window, '042777111');
      expect(app.process().exitCode).toBeNull();
      expect(await app.evaluate(() => process.pid)).toBe(app.process().pid);
    } finally {
      await ctx.running?.close();
      ctx.running = null;
      locked.stop();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('the keychain helper killed mid-session is restarted: the session is remembered and the main process never exits', async () => {
  // Kept running between calls for this test, so that there is a helper to kill (it is ended after 2 s idle).
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir(), env: { ECUAPASS_KEYCHAIN_IDLE_MS: '600000' } });
  const { app, window } = ctx.running;
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  const pid = await helperPid(app);
  expect(pid, 'the keychain runs in its own helper process').toBeTruthy();
  expect(pid).not.toBe(app.process().pid);
  process.kill(pid!, 'SIGKILL');

  // The next keychain call goes to a new helper.
  await window.getByRole('button', { name: 'Cambiar de usuario' }).click();
  await expect(window.getByRole('listitem', { name: 'jperez' })).toBeVisible();
  const restarted = await helperPid(app);
  expect(restarted).toBeTruthy();
  expect(restarted).not.toBe(pid);
  await window.getByRole('button', { name: 'Continuar como jperez' }).click();
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  await expect(window.getByText(NO_KEYCHAIN)).toHaveCount(0);
  await saveNewPhone(window, '042777222');
  expect(app.process().exitCode).toBeNull();
});

test('the keychain helper ends when idle and comes back on demand: the session is still remembered', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { app, window } = ctx.running;
  await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  // The login stored the session through the helper; ~2 s later, with nothing to do, it is gone.
  await expect.poll(() => helperPid(app), { timeout: 15_000 }).toBeUndefined();
  await expect(window.getByText(NO_KEYCHAIN)).toHaveCount(0);

  // "Cambiar de usuario" reads the keychain: a new helper answers it, and the session it holds resumes.
  await window.getByRole('button', { name: 'Cambiar de usuario' }).click();
  await expect(window.getByRole('listitem', { name: 'jperez' })).toBeVisible();
  await window.getByRole('button', { name: 'Continuar como jperez' }).click();
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  await expect(window.getByText(NO_KEYCHAIN)).toHaveCount(0);
  await expect.poll(() => helperPid(app), { timeout: 15_000 }).toBeUndefined();
  expect(app.process().exitCode).toBeNull();
});
