// `npm run test:e2e`: packages the app for this OS (fuses set), checks the package (Linux: fuses read back,
// app.asar contents), then runs the Playwright suite against the packaged app (its E2E copy, see
// make-e2e-variant.mjs) with a real keychain (and Xvfb on Linux).
//   Linux here: the provisioned Electron 25.1.1 test runtime (scripts/package-linux-dir.sh); with
//   ECUAPASS_PACKAGE_RUNTIME=installed (the CI runners) the shipped `electron` package instead.
//   Windows / macOS (the CI runners): `electron-builder --dir` with the shipped `electron` package.
// `npm run test:e2e:dev` runs the same suite against out/ instead.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shell = process.platform === 'win32';
const run = (cmd, args, env = {}) => {
  const res = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit', shell, env: { ...process.env, ...env } });
  if (res.status !== 0) process.exit(res.status ?? 1);
};

if (process.platform === 'linux') {
  run('bash', ['scripts/package-linux-dir.sh']);
} else {
  run('npm', ['run', 'build']);
  // The host's own architecture only (the release workflow builds the others).
  run('npx', ['--no-install', 'electron-builder', '--dir', process.platform === 'win32' ? '--win' : '--mac', `--${process.arch}`, '--publish', 'never']);
}
// The backend the tests start is the compiled one.
run('npm', ['run', 'build:server']);
// test/packaging reads the Linux folder build (fuses, app.asar contents); on Windows / macOS the release-config unit
// test checks the configuration and the E2E suite the packaged app itself.
if (process.platform === 'linux') run('npm', ['run', 'test:packaging']);
const executable = execFileSync(process.execPath, ['scripts/make-e2e-variant.mjs'], { cwd: repo, encoding: 'utf8' })
  .trim()
  .split('\n')
  .at(-1);
run('bash', ['scripts/with-desktop-env.sh', 'npx', 'playwright', 'test', ...process.argv.slice(2)], {
  ECUAPASS_E2E_PACKAGED: executable,
});
