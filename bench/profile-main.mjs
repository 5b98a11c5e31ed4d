// CPU profile of the app's main process while the page calls window.ecuapass.getRegistration() in a loop (issue #15:
// the bridge's overhead over a raw net.fetch GET). Starts the backend and the packaged E2E copy of the app, logs in,
// warms up, then records the main process with the inspector's Profiler (through Playwright's own connection) and
// prints the top self-time functions. Needs dist/linux-e2e (npm run test:e2e or the bench's build step).
//
//   bash scripts/with-desktop-env.sh node bench/profile-main.mjs [--calls=2000] [--top=30] [--method=getAppInfo]
//
// --method picks another bridge method without input (getAppInfo: the IPC path alone, no network).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBackend, writeSeed } from './lib/backend.mjs';
import { topSelfTime } from './lib/cpu-profile.mjs';
import { clearKeychain, launchOurs, loginOnly, readyAt } from './lib/electron.mjs';
import { BENCH_DIR } from './lib/paths.mjs';

/* global window -- the page.evaluate callback runs in the app's page */
const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const calls = Number(arg('calls', '2000'));
const top = Number(arg('top', '30'));
const method = arg('method', 'getRegistration');

const callsFromPage = (page, count) =>
  page.evaluate(
    async ({ n, name }) => {
      for (let i = 0; i < n; i++) {
        const res = await window.ecuapass[name]();
        if (!res.ok) throw new Error(JSON.stringify(res.error));
      }
    },
    { n: count, name: method },
  );

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecuapass-profile-main-'));
  const backend = await startBackend({ dir, seedFile: writeSeed(dir) });
  await clearKeychain();
  const launched = await launchOurs({ apiUrl: backend.url });
  try {
    await readyAt(launched);
    await loginOnly(launched.page, 'jperez');
    await callsFromPage(launched.page, 300);
    // The profiler runs in the main process itself (node:inspector), started and stopped around the loop.
    await launched.app.evaluate(async () => {
      const { Session } = process.mainModule.require('node:inspector');
      const session = new Session();
      session.connect();
      const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 100 });
      await post('Profiler.start');
      globalThis.__benchProfile = { session, post };
    });
    const t0 = performance.now();
    await callsFromPage(launched.page, calls);
    const ms = performance.now() - t0;
    const profile = await launched.app.evaluate(async () => {
      const { session, post } = globalThis.__benchProfile;
      const { profile: p } = await post('Profiler.stop');
      session.disconnect();
      return p;
    });
    const profDir = path.join(BENCH_DIR, 'profiles');
    mkdirSync(profDir, { recursive: true });
    const file = path.join(profDir, `main-${method}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const { totalMs, rows } = topSelfTime(profile, top);
    console.log(`${calls} ${method} calls from the page: ${(ms / calls).toFixed(3)} ms each; main process sampled ${totalMs.toFixed(0)} ms`);
    console.log(`profile ${path.relative(process.cwd(), file)}\n`);
    console.log('self ms  self %  µs/call  function');
    for (const r of rows) console.log(`${r.ms.toFixed(0).padStart(7)}  ${r.pct.toFixed(1).padStart(5)}%  ${((r.ms * 1000) / calls).toFixed(1).padStart(7)}  ${r.fn}`);
  } finally {
    await launched.close();
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
