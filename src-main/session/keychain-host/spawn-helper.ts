import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { HelperProcess } from './host-client';

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
