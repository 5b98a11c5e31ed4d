import { expect, test } from '@playwright/test';
import { DeviceTokenSchema, ERROR_MESSAGES } from '../../src-shared/contract';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { clearKeychain, keychainDeviceToken, keychainToken } from './support/keychain';
import { DEMO, login } from './support/login';
import { useBackendAndApp } from './support/suite';

/**
 * Issue #30, trusted devices in the real app (OWASP device cookie, docs/architecture.md §5): after a login the
 * backend's device token is in the OS keychain beside the session token (a service of its own), never in the page;
 * when a flood of wrong passwords has locked the account for untrusted clients, this workstation still logs in,
 * while a workstation without the token (a fresh keychain) gets the lockout message.
 */

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp({ clearKeychain: 'each' });
const WELCOME = { name: 'Bienvenido al portal externo Ecuapass' };
const USER = 'mlopez';

async function lockForUntrusted(userId: string) {
  for (let i = 0; i < 5; i++) {
    await fetch(`${ctx.backend.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, password: `Incorrecta#${i}` }) });
  }
}

test('the device token is kept in the keychain and lets this workstation in while the account is locked; another is locked out', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const { window } = ctx.running;
  await login(window, USER, DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  const deviceToken = await keychainDeviceToken(USER);
  expect(DeviceTokenSchema.safeParse(deviceToken).success).toBe(true);
  expect(await keychainToken(USER)).not.toBeNull();
  // Nothing of it reaches the page.
  expect(await window.evaluate(() => document.documentElement.outerHTML + JSON.stringify(localStorage))).not.toContain(deviceToken as string);

  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await lockForUntrusted(USER);
  await login(window, USER, DEMO.jperez.password);
  await expect(window.getByRole('heading', WELCOME)).toBeVisible();
  // A fresh token replaced the one sent.
  expect(await keychainDeviceToken(USER)).not.toBe(deviceToken);
  await screenshot(window, 'trusted-device-in-while-locked');
  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await ctx.running.close();

  // Another workstation: no device token in its keychain.
  await clearKeychain();
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  await login(ctx.running.window, USER, DEMO.jperez.password);
  await expect(ctx.running.window.getByRole('alert').filter({ hasText: ERROR_MESSAGES.ACCOUNT_LOCKED })).toBeVisible();
  await screenshot(ctx.running.window, 'untrusted-device-locked-out');
});
