// CPU profile of the real backend under the bench's GET load (issue #15: profile first, then optimise).
// Starts out/server/src-server/main.js with `node --cpu-prof`, loads GET /api/v1/general-user/registration with
// autocannon exactly as backend-throughput.mjs does (10 connections, one user each), stops the server with SIGTERM
// (its graceful exit writes the .cpuprofile) and prints the top self-time functions.
//
//   npm run build:server && node bench/profile-backend.mjs [--method=PUT] [--seconds=10] [--top=25]
// The .cpuprofile is kept in bench/profiles/ (open it in Chrome DevTools for the full picture).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAutocannon, summarize } from './backend-throughput.mjs';
import { BENCH_USER_COUNT, benchUserId, getRegistration, login, startBackend, writeSeed } from './lib/backend.mjs';
import { BENCH_DIR } from './lib/paths.mjs';
import { topSelfTime } from './lib/cpu-profile.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const method = arg('method', 'GET').toUpperCase();
const seconds = Number(arg('seconds', '10'));
const top = Number(arg('top', '25'));

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecuapass-profile-'));
  const profDir = path.join(BENCH_DIR, 'profiles');
  mkdirSync(profDir, { recursive: true });
  const before = new Set(readdirSync(profDir));
  const backend = await startBackend({ dir, seedFile: writeSeed(dir), nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
  let summary;
  try {
    const users = [];
    for (let i = 0; i < BENCH_USER_COUNT; i++) {
      const token = await login(backend.url, benchUserId(i));
      const { value } = await getRegistration(backend.url, token);
      users.push({ userId: benchUserId(i), token, reg: value, version: value.version, flip: false });
    }
    summary = summarize(await runAutocannon(backend.url, method, users, undefined, seconds));
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (!file) throw new Error('the backend wrote no .cpuprofile (did it exit gracefully on SIGTERM?)');
  const { totalMs, rows } = topSelfTime(JSON.parse(readFileSync(path.join(profDir, file), 'utf8')), top);
  console.log(`${method} ${seconds} s: ${summary.rps.toFixed(0)} req/s, p99 ${summary.p99} ms, non-2xx ${summary.non2xx}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`profile bench/profiles/${file}: ${totalMs.toFixed(0)} ms sampled (includes start-up, seeding and idle)\n`);
  console.log('self ms  self %  function');
  for (const r of rows) console.log(`${r.ms.toFixed(0).padStart(7)}  ${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
