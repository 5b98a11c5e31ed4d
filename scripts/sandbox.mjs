// Starts the Ecuapass-style sandbox backend alone, with the repo's demo users (README).
// Environment: PORT, HOST, DATABASE_URL, SANDBOX_SEED, SMTP_URL (see README).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, [path.join(repo, 'out/server/src-server/main.js')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    SANDBOX_SEED: process.env.SANDBOX_SEED ?? path.join(repo, 'src-server/sandbox/demo-users.json'),
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
