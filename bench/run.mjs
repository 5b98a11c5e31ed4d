// `npm run bench` (inside scripts/with-desktop-env.sh: D-Bus + gnome-keyring + Xvfb). Builds and packages only when
// needed, starts the compiled backend with the demo users plus the bench users, runs each benchmark (each figure
// measured side by side with its baseline, median of ≥ 5 repetitions), prints the table and writes bench/results.json.
//
//   npm run bench                         everything
//   npm run bench -- --only=cold-start,memory
//   BENCH_REPS=7 npm run bench            more repetitions (minimum 5)
//   BENCH_SKIP_BUILD=1 npm run bench      use out/ and dist/ as they are
//   BENCH_LOG_LEVEL=warn npm run bench    backend (and bare server) logger level; default: the backend's own (info)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend, writeSeed } from './lib/backend.mjs';
import { clearKeychain } from './lib/electron.mjs';
import { E2E_EXE, PACKAGED_EXE, REPO, RESULTS_FILE, SERVER_MAIN } from './lib/paths.mjs';
import { round } from './lib/stats.mjs';
import { formatTable } from './lib/table.mjs';

// login-flood last: its flood guesses jperez's password and locks the account, which the app benchmarks log in as.
const BENCHES = ['renderer-weight', 'cold-start', 'startup-trace', 'memory', 'bridge-overhead', 'backend-throughput', 'password-hash', 'account-activity', 'postgres-throughput', 'user-felt', 'login-flood'];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const reps = Math.max(5, Number(process.env.BENCH_REPS) || 5);
const startedAt = Date.now();
const log = (m) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${m}`);

function sh(cmd, args, env = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  return res.status === 0;
}

const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
function newestUnder(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    log('BENCH_SKIP_BUILD=1: using out/ and dist/ as they are');
    return;
  }
  const r = (p) => path.join(REPO, p);
  const outputs = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/server/src-server/main.js'].map(r);
  const sources = Math.max(...['src-main', 'src-renderer', 'src-shared', 'src-server'].map((d) => newestUnder(r(d))));
  const missing = outputs.filter((f) => !existsSync(f));
  if (missing.length || sources > Math.min(...outputs.map(mtime))) {
    log(missing.length ? `out/ incomplete (${missing.map((f) => path.relative(REPO, f)).join(', ')}): building` : 'sources newer than out/: building');
    if (!sh('npm', ['run', 'build'])) {
      if (outputs.some((f) => !existsSync(f))) throw new Error('npm run build failed and out/ is incomplete');
      log('WARNING: npm run build failed; benchmarking the out/ that is there');
    }
  } else log('out/ is up to date');

  const appOut = Math.max(...['out/main', 'out/preload', 'out/renderer'].map((d) => newestUnder(r(d))));
  const asar = r('dist/linux-unpacked/resources/app.asar');
  if (!existsSync(PACKAGED_EXE) || mtime(asar) < appOut) {
    log('dist/linux-unpacked missing or older than out/: packaging');
    if (!sh('bash', ['scripts/package-linux-dir.sh'], { SKIP_BUILD: '1' })) throw new Error('packaging failed');
  } else log('dist/linux-unpacked is up to date');
  const e2eAsar = r('dist/linux-e2e/resources/app.asar');
  if (!existsSync(E2E_EXE) || mtime(e2eAsar) < mtime(asar)) {
    log('dist/linux-e2e missing or older than dist/linux-unpacked: making the E2E variant');
    if (!sh(process.execPath, ['scripts/make-e2e-variant.mjs'])) throw new Error('make-e2e-variant failed');
  } else log('dist/linux-e2e is up to date');
}

function jsonRow(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'number' ? round(v, 3) : v;
  return out;
}

async function main() {
  ensureBuilt();
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} missing`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecuapass-bench-'));
  const backend = await startBackend({ dir, seedFile: writeSeed(dir), logLevel: process.env.BENCH_LOG_LEVEL || 'info' });
  log(`backend ${backend.url} up in ${(backend.startMs / 1000).toFixed(1)} s (seeding hashes every user's password)`);
  const ctx = { backend, dir, reps, log };
  const rows = [];
  const timings = {};
  try {
    for (const name of BENCHES) {
      if (only && !only.includes(name)) continue;
      const t0 = Date.now();
      log(`— ${name}`);
      try {
        const mod = await import(`./${name}.mjs`);
        rows.push(...(await mod.run(ctx)));
      } catch (err) {
        console.error(err);
        rows.push({ id: name, name, ours: null, baseline: null, ratio: null, unit: '', met: 'error', note: `failed: ${err.message.split('\n')[0]}` });
      }
      timings[name] = (Date.now() - t0) / 1000;
      log(`${name} done in ${timings[name].toFixed(0)} s`);
    }
  } finally {
    await backend.stop();
    try {
      await clearKeychain();
    } catch {
      /* no keychain */
    }
    if (!process.env.BENCH_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  }

  const totalS = (Date.now() - startedAt) / 1000;
  console.log(`\nEcuapass Desktop benchmark — ${new Date().toISOString()} — ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, median of ${reps}\n`);
  console.log('Ratio: ours / baseline, the median of the pairwise ratios of interleaved samples (row 4: the median of the rounds\' differences).\n');
  console.log(formatTable(rows));
  console.log(`\nTotal ${totalS.toFixed(0)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')})`);
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, loadavg: os.loadavg() },
    repetitions: reps,
    durationS: round(totalS, 1),
    timingsS: timings,
    rows: rows.map(jsonRow),
  };
  writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${path.relative(REPO, RESULTS_FILE)}`);
  if (rows.some((r) => r.met === 'error')) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
