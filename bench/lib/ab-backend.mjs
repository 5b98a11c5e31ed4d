// A/B of two backend builds under the bench's load (bench/profile-backend.mjs's sibling, for one change at a time):
//   node bench/lib/ab-backend.mjs <old out/server dir> [GET|PUT] [pairs]
// Starts out/server (B) and the given build (A) side by side, each on its own SQLite file with the bench users, and
// runs autocannon against A, B, A, B…; prints each pair's B/A ratio and their median (the machine's load drifts).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAutocannon, summarize } from '../backend-throughput.mjs';
import { BENCH_USER_COUNT, benchUserId, freePort, getRegistration, login, settleVersions, writeSeed } from './backend.mjs';
import { REPO } from './paths.mjs';
import { median } from './stats.mjs';

const [oldDir, method = 'GET', pairs = '5'] = process.argv.slice(2);
const dir = mkdtempSync(path.join(os.tmpdir(), 'ecuapass-ab-'));
const seed = writeSeed(dir);

async function start(name, main) {
  const port = await freePort();
  const fd = openSync(path.join(dir, `${name}.log`), 'a');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(dir, `${name}.sqlite`)}`, SANDBOX_SEED: seed, LOG_LEVEL: 'info', SMTP_URL: '' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const users = [];
  for (let i = 0; i < BENCH_USER_COUNT; i++) {
    const token = await login(url, benchUserId(i));
    const { value } = await getRegistration(url, token);
    users.push({ token, reg: value, version: value.version, flip: false });
  }
  return { url, users, stop: () => child.kill('SIGTERM') };
}

const a = await start('a', path.resolve(oldDir, 'src-server/main.js'));
const b = await start('b', path.join(REPO, 'out/server/src-server/main.js'));
const ratios = [];
try {
  for (let i = 0; i < Number(pairs); i++) {
    if (method === 'PUT') await settleVersions(a.url, a.users);
    const ra = summarize(await runAutocannon(a.url, method, a.users));
    if (method === 'PUT') await settleVersions(b.url, b.users);
    const rb = summarize(await runAutocannon(b.url, method, b.users));
    ratios.push(rb.rps / ra.rps);
    console.log(`${method} #${i + 1}: A ${ra.rps.toFixed(0)} req/s, B ${rb.rps.toFixed(0)} req/s, B/A ${(rb.rps / ra.rps).toFixed(3)}; load ${os.loadavg()[0].toFixed(2)}`);
  }
  console.log(`median B/A ${median(ratios).toFixed(3)}`);
} finally {
  a.stop();
  b.stop();
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500);
}
