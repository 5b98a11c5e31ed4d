import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { HelperProcess } from './host-client';

/**
 * The helper is ended after this long without a call (issue 30: its process is ~85 MiB of RSS for calls made at
 * start-up, login, logout and "Cambiar de usuario" only) and started again by the next call, in ~100 ms.
 * ECUAPASS_KEYCHAIN_IDLE_MS overrides it (the E2E test that kills a running helper keeps it longer).
 */
export function keychainIdleMs(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ECUAPASS_KEYCHAIN_IDLE_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 2_000;
}

/** Name under which the helper shows in app.getAppMetrics() (and the OS process list). */
export const KEYCHAIN_HELPER_NAME = 'Ecuapass keychain';

/**
 * Starts the keychain helper: out/main/keychain-host.js, built as its own bundle (see
 * vite.keychain-host.config.mts). It inherits the environment, so on a desktop the keyring's unlock
 * prompt can still appear.
 */
export function spawnKeychainHelper(): HelperProcess {
  const child = utilityProcess.fork(join(__dirname, 'keychain-host.js'), [], {
    serviceName: KEYCHAIN_HELPER_NAME,
    stdio: 'ignore',
  });
  return child as unknown as HelperProcess;
}
