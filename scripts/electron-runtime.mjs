// Locate the Electron test runtime provisioned by scripts/provision-electron.sh (tests and CI only;
// never imported by the product). Pure path logic: it does not download or check anything except
// in electronRuntimeAvailable().
//
// Resolution order: ELECTRON_OVERRIDE_DIST_PATH (what the `electron` npm wrapper honours),
// then ELECTRON_RUNTIME_DIR (what the provisioning script honours), then <repo>/.cache/electron-25.1.1.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_RUNTIME_VERSION = '25.1.1';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {string} absolute folder that holds the `electron` binary */
export function electronRuntimeDir() {
  const fromEnv = process.env.ELECTRON_OVERRIDE_DIST_PATH || process.env.ELECTRON_RUNTIME_DIR;
  return path.resolve(fromEnv || path.join(repoDir, '.cache', `electron-${ELECTRON_RUNTIME_VERSION}`));
}

/** @returns {string} absolute path of the Electron executable (Linux: `<dir>/electron`) */
export function electronExecutable() {
  return path.join(electronRuntimeDir(), 'electron');
}

/** @returns {boolean} whether the executable is present (e.g. to skip Electron tests with a clear message) */
export function electronRuntimeAvailable() {
  return existsSync(electronExecutable());
}
