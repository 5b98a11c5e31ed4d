// `npm run test:e2e`: packages the app (dist/linux-unpacked, fuses set), checks the package
// (fuses read back, app.asar contents), then runs the Playwright suite against the packaged app
// (its E2E copy, see make-e2e-variant.mjs) with a real keychain and Xvfb.
// `npm run test:e2e:dev` runs the same suite against out/ on the provisioned runtime instead.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = {}) => {
  const res = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) process.exit(res.status ?? 1);
};

run('bash', ['scripts/package-linux-dir.sh']);
// The backend the tests start is the compiled one.
run('npm', ['run', 'build:server']);
run('npm', ['run', 'test:packaging']);
const executable = execFileSync(process.execPath, ['scripts/make-e2e-variant.mjs'], { cwd: repo, encoding: 'utf8' })
  .trim()
  .split('\n')
  .at(-1);
run('bash', ['scripts/with-desktop-env.sh', 'npx', 'playwright', 'test', ...process.argv.slice(2)], {
  ECUAPASS_E2E_PACKAGED: executable,
});
