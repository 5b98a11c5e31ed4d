// `npm start`: builds, starts the sandbox backend with the demo users, and opens the desktop app
// on it. Closing the app stops the backend.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const port = process.env.PORT ?? '4010';
const apiUrl = `http://127.0.0.1:${port}`;

const build = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, [path.join(repo, 'scripts/sandbox.mjs')], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, HOST: '127.0.0.1' },
});

async function waitForHealth() {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${apiUrl}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sandbox backend did not answer at ${apiUrl}/health`);
}

try {
  await waitForHealth();
} catch (err) {
  console.error(String(err));
  server.kill();
  process.exit(1);
}

// The electron package's binary (ELECTRON_OVERRIDE_DIST_PATH is honoured, see README).
const electron = require('electron');
const extraArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const app = spawn(electron, [repo, ...extraArgs, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ECUAPASS_API_URL: process.env.ECUAPASS_API_URL ?? apiUrl },
});
app.on('exit', (code) => {
  server.kill('SIGTERM');
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
