// 4. Bridge overhead: window.ecuapass.getRegistration() through renderer → IPC → main (the app's axios client over
// Electron's net.request, src-main/api) → backend, timed in the page with performance.now() in a loop of N calls,
// against the baseline, the same GET made raw with net.fetch inside the main process (same token: the app's own, read
// from the keychain), and, for reference, the same GET made directly by Node (fetch) and raw with net.request in main.
// After a warm-up, ROUNDS rounds of N calls each; within a round the app and that baseline alternate
// in blocks of BLOCK calls, so a drift of the machine's speed falls on both; then Node's direct GET and the IPC-only
// call. Median = median of the round medians, p99 over every call.
/* global window -- the page.evaluate / app.evaluate callbacks run in the app (page, main process) */
import { performance } from 'node:perf_hooks';
import { API } from './lib/backend.mjs';
import { KEYCHAIN_SERVICE, clearKeychain, keytar, launchOurs, loginOnly, readyAt } from './lib/electron.mjs';
import { median, p99 } from './lib/stats.mjs';

// Over the network stack's own cost (a raw net.fetch GET inside the main process), not over Node's fetch: Chromium's
// stack (kept for the system proxy, PAC and the OS certificates) costs ~1.5–2 ms more than Node's fetch here.
// Issue 30: raised from 0.7 ms, with the app's own axios client (over net.request) on the measured side.
export const TARGET_OVERHEAD_MS = 0.4;
const N = 200;
const BLOCK = 20;
const WARMUP = 100;

async function viaApp(page, n, method = 'getRegistration') {
  return page.evaluate(async ({ count, name }) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const res = await window.ecuapass[name]();
      const t1 = performance.now();
      if (!res.ok) throw new Error(`${name} failed: ${JSON.stringify(res.error)}`);
      times.push(t1 - t0);
    }
    return times;
  }, { count: n, name: method });
}

async function direct(url, token, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}${API}/general-user/registration`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    const t1 = performance.now();
    if (res.status !== 200 || !body.userId) throw new Error(`direct GET answered ${res.status}`);
    times.push(t1 - t0);
  }
  return times;
}

/**
 * The same GET made raw inside the app's main process: with net.fetch (the baseline), with net.request (the API the
 * app's axios adapter drives, no axios) and with Node's fetch (diagnostics).
 */
async function inMain(app, url, token, n, which) {
  return app.evaluate(
    async ({ net }, { target, auth, count, kind }) => {
      const viaRequest = () =>
        new Promise((resolve, reject) => {
          const req = net.request({ method: 'GET', url: target, redirect: 'manual' });
          req.setHeader('authorization', auth);
          req.setHeader('accept', 'application/json');
          req.on('response', (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end();
        });
      const f = kind === 'net.fetch' ? net.fetch.bind(net) : globalThis.fetch;
      const times = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        if (kind === 'net.request') await viaRequest();
        else await (await f(target, { headers: { authorization: auth, accept: 'application/json' } })).json();
        times.push(performance.now() - t0);
      }
      return times;
    },
    { target: `${url}${API}/general-user/registration`, auth: `Bearer ${token}`, count: n, kind: which },
  );
}

export async function run(ctx) {
  await clearKeychain();
  const launched = await launchOurs({ apiUrl: ctx.backend.url });
  try {
    await readyAt(launched);
    await loginOnly(launched.page, 'jperez');
    const token = await keytar().getPassword(KEYCHAIN_SERVICE, 'jperez');
    if (!token) throw new Error('no token for jperez in the keychain after logging in');
    // The raw net.fetch GET in main is the baseline: if it cannot run, the row falls back to Node's fetch from the bench.
    const rawInMain = async (n) => {
      try {
        return await inMain(launched.app, ctx.backend.url, token, n, 'net.fetch');
      } catch (err) {
        ctx.log(`bridge: raw net.fetch in main failed: ${err.message.split('\n')[0]}`);
        return null;
      }
    };
    await viaApp(launched.page, WARMUP);
    const rawWorks = (await rawInMain(WARMUP)) !== null;
    await direct(ctx.backend.url, token, WARMUP);
    await viaApp(launched.page, WARMUP, 'getAppInfo');
    const app = [];
    const raw = [];
    const node = [];
    // The IPC floor: a bridge method that does not touch the network (getAppInfo), to split the overhead.
    const ipc = [];
    for (let i = 0; i < ctx.reps; i++) {
      // The app and its baseline alternate in blocks of BLOCK calls within the round: the machine's speed drifts by
      // more than the target over a few seconds, and a round of one after a round of the other measured that drift.
      const appRound = [];
      const rawRound = [];
      for (let b = 0; b < N / BLOCK; b++) {
        appRound.push(...(await viaApp(launched.page, BLOCK)));
        if (rawWorks) rawRound.push(...((await rawInMain(BLOCK)) ?? []));
      }
      app.push(appRound);
      raw.push(rawRound.length === N ? rawRound : null);
      node.push(await direct(ctx.backend.url, token, N));
      ipc.push(await viaApp(launched.page, N, 'getAppInfo'));
      const rawNow = raw.at(-1) ? `${median(raw.at(-1)).toFixed(2)} ms` : 'n/a';
      ctx.log(`bridge #${i + 1}: app median ${median(app.at(-1)).toFixed(2)} ms, raw net.fetch in main ${rawNow}, direct ${median(node.at(-1)).toFixed(2)} ms, IPC-only getAppInfo ${median(ipc.at(-1)).toFixed(2)} ms`);
    }
    const ipcFloor = median(ipc.map(median));
    const rawRounds = raw.filter(Boolean);
    const mainNetFetch = rawRounds.length === ctx.reps ? median(rawRounds.map(median)) : null;
    // Where the rest goes: the same raw GET with Node's fetch inside the main process (one round of N).
    let mainNodeFetch = null;
    let mainNetRequest = null;
    try {
      await inMain(launched.app, ctx.backend.url, token, WARMUP, 'net.request');
      mainNetRequest = median(await inMain(launched.app, ctx.backend.url, token, N, 'net.request'));
      if (await launched.app.evaluate(() => typeof globalThis.fetch === 'function')) {
        await inMain(launched.app, ctx.backend.url, token, WARMUP, 'node-fetch');
        mainNodeFetch = median(await inMain(launched.app, ctx.backend.url, token, N, 'node-fetch'));
      }
      ctx.log(`bridge diagnostic (main process, raw GET): net.fetch ${mainNetFetch?.toFixed(2)} ms, net.request ${mainNetRequest?.toFixed(2)} ms, Node fetch ${mainNodeFetch?.toFixed(2) ?? 'n/a'} ms`);
    } catch (err) {
      ctx.log(`bridge diagnostic skipped: ${err.message.split('\n')[0]}`);
    }
    const mo = median(app.map(median));
    const mNode = median(node.map(median));
    // The baseline: the same GET made raw with net.fetch inside the main process (Node's fetch from the bench if
    // that diagnostic could not run, which is the harder comparison).
    const mb = mainNetFetch ?? mNode;
    // Round by round (the app and the raw GET alternate in blocks within a round), then the median of those.
    const overhead = mainNetFetch === null ? mo - mb : median(app.map((a, i) => median(a) - median(raw[i])));
    const met = overhead <= TARGET_OVERHEAD_MS;
    return [
      {
        id: '4',
        name: `Bridge getRegistration (N=${N}×${ctx.reps})`,
        ours: mo,
        baseline: mb,
        ratio: mo / mb,
        unit: 'ms',
        p99: p99(app.flat()),
        directNodeP99Ms: p99(node.flat()),
        overheadMs: overhead,
        baselineIs: mainNetFetch === null ? 'Node fetch from the bench' : 'raw net.fetch GET in the main process',
        directNodeFetchMs: mNode,
        ipcOnlyMs: ipcFloor,
        ipcOnlyP99Ms: p99(ipc.flat()),
        mainProcessRawGetMs: { netFetch: mainNetFetch, netRequest: mainNetRequest, nodeFetch: mainNodeFetch },
        target: `app − raw net.fetch ≤ ${TARGET_OVERHEAD_MS} ms`,
        met,
        roundMedians: { ours: app.map(median), baseline: rawRounds.map(median), directNode: node.map(median) },
        note: (() => {
          const http = mainNetFetch ?? NaN;
          const rest = mo - ipcFloor - http;
          return (
            `median overhead ${overhead.toFixed(2)} ms (median of the ${ctx.reps} rounds' app − raw differences). Split: IPC round trip alone ~${ipcFloor.toFixed(2)} ms (getAppInfo: page → ` +
            "preload on the bridge's private MessagePort, ipcRenderer.invoke, the sender and payload checks in main, back); " +
            `the raw GET inside the main process takes ${http.toFixed(2)} ms with net.fetch, ${(mainNetRequest ?? NaN).toFixed(2)} ms with ` +
            `net.request alone (one round after the others) and ${(mainNodeFetch ?? NaN).toFixed(2)} ms with Node's fetch (direct from the bench: ` +
            `${mNode.toFixed(2)} ms); the remaining ~${rest.toFixed(2)} ms is the client (axios over net.request: the instance's ` +
            'trimmed defaults, one synchronous request interceptor, JSON in one transform), the contract check of the answer and ' +
            'the session bookkeeping (a successful read writes no log line).' +
            (met
              ? ''
              : ' Why it is above the target: the IPC round trip alone (page → preload port → main → back) is ' +
                `~${ipcFloor.toFixed(2)} ms of the ${TARGET_OVERHEAD_MS} ms, and the client's JavaScript in main (axios's config ` +
                'merge and headers, the adapter, the contract check) ~0.1 ms more; the rounds\' differences spread by several ' +
                'tenths of a millisecond with the network-service process\'s own timing (see the raw GET\'s round medians). ' +
                'Profile: bash scripts/with-desktop-env.sh node bench/profile-main.mjs (the main process under getRegistration calls ' +
                'from the page: ~80 % idle, waiting on the network service; the rest Electron\'s net.request natives and the IPC reply).')
          );
        })(),
      },
    ];
  } finally {
    await launched.close();
    await clearKeychain();
  }
}
