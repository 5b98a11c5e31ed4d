import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.dirname(BENCH_DIR);
export const OUT_DIR = path.join(REPO, 'out');
export const SERVER_MAIN = path.join(REPO, 'out/server/src-server/main.js');
export const PACKAGED_EXE = path.join(REPO, 'dist/linux-unpacked/ecuapass-desktop');
/** Same app.asar and binary as the package, only the inspect fuse flipped (scripts/make-e2e-variant.mjs). */
export const E2E_EXE = path.join(REPO, 'dist/linux-e2e/ecuapass-desktop');
export const RENDERER_ASSETS = path.join(REPO, 'out/renderer/assets');
export const DEMO_USERS_FILE = path.join(REPO, 'src-server/sandbox/demo-users.json');
export const BARE_APP_DIR = path.join(BENCH_DIR, 'bare-app');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');
