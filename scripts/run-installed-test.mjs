// `npm run test:installed`: the .deb built, installed with apt-get, launched by its desktop entry, smoke-tested,
// updated from a local feed to the same app at a higher version, and removed (test/installed/installed-deb.spec.ts).
//
// It installs a system package, so it needs root and apt-get/dpkg. Without them it SKIPS with the reason and exits 0
// (a developer machine), unless ECUAPASS_INSTALL_TEST_REQUIRED=1 (set by .ci/run), where a skip is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const required = process.env.ECUAPASS_INSTALL_TEST_REQUIRED === '1';
// Two newer releases of the same app: one installed when the app quits, one by "Reiniciar y actualizar".
const NEXT_VERSIONS = ['0.99.0', '0.99.1'];

function skip(reason) {
  if (required) {
    console.error(`[test:installed] FAILED: cannot run here (${reason}) and ECUAPASS_INSTALL_TEST_REQUIRED=1`);
    process.exit(1);
  }
  console.log(`[test:installed] SKIPPED: ${reason}. It runs in CI (.ci/run, as root).`);
  process.exit(0);
}

if (process.platform !== 'linux') skip('only on Linux');
if (process.getuid?.() !== 0) skip('needs root to apt-get install / remove a system package');
for (const tool of ['apt-get', 'dpkg', 'dpkg-deb', 'fakeroot', 'xvfb-run']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) skip(`${tool} is not installed`);
}
if (spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Status}', 'ecuapass-desktop'], { encoding: 'utf8' }).stdout === 'installed') {
  skip('ecuapass-desktop is already installed on this machine; the test installs and removes it (apt-get remove ecuapass-desktop first)');
}

const run = (cmd, args, env = {}) => {
  const res = spawnSync(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, ...env } });
  if (res.status !== 0) {
    process.stdout.write(res.stdout ?? '');
    process.exit(res.status ?? 1);
  }
  return res.stdout.trim().split('\n').at(-1);
};

// The same packaged app the E2E suite tests (fuses, app.asar), then the two packages. gzip: see package-deb.sh.
if (process.env.SKIP_PACKAGE !== '1' || !existsSync(path.join(repo, 'dist/linux-unpacked/ecuapass-desktop'))) run('bash', ['scripts/package-linux-dir.sh']);
run('npm', ['run', 'build:server']);
const deb = run('bash', ['scripts/package-deb.sh'], { DEB_COMPRESSION: 'gzip' });
const nextDebs = NEXT_VERSIONS.map((v) => run('bash', ['scripts/package-deb.sh'], { DEB_COMPRESSION: 'gzip', DEB_VERSION: v, DEB_OUT: 'dist/update-feed' }));
console.log(`[test:installed] ${[deb, ...nextDebs].join('\n[test:installed] ')}`);

const res = spawnSync('bash', ['scripts/with-desktop-env.sh', 'npx', 'playwright', 'test', '-c', 'playwright.installed.config.ts', ...process.argv.slice(2)], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, ECUAPASS_DEB: deb, ECUAPASS_DEB_NEXT: nextDebs.join(':'), ECUAPASS_DEB_NEXT_VERSION: NEXT_VERSIONS.join(':') },
});
process.exit(res.status ?? 1);
