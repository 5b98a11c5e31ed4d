// Issue #11 case 1, shared by `npm run bench` (bench/login-flood.mjs) and the reliability test: a legitimate login
// (one user, its own source address) and GET /health timed on an idle backend, then again while 20 other sources
// flood it with wrong logins (bench/lib/flood-worker.mjs, a separate thread so the timing loop stays responsive).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { median, p99 } from './stats.mjs';

const WRONG_IDS = ['jperez', 'cvera'];
let nextLegitSource = 1;

function timed(url, { method = 'GET', body, localAddress, agent }) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method, localAddress, agent, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Legit logins (sequential) and /health (its own loop, every `healthEveryMs`) for `ms`; returns the timings. */
async function measure(base, { ms, userId, password, healthEveryMs = 20 }) {
  const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const until = performance.now() + ms;
  const logins = [];
  const health = [];
  const statuses = {};
  const body = JSON.stringify({ userId, password });
  const loginLoop = (async () => {
    while (performance.now() < until) {
      // Each sample is a person at another workstation: its own source address, well within that source's budget.
      const localAddress = `127.0.${1 + (nextLegitSource >> 8)}.${nextLegitSource++ & 255}`;
      const r = await timed(`${base}/api/v1/sessions`, { method: 'POST', body, localAddress, agent: false });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 201) logins.push(r.ms);
      await new Promise((res) => setTimeout(res, 200));
    }
  })();
  const healthLoop = (async () => {
    while (performance.now() < until) {
      const r = await timed(`${base}/health`, { localAddress: '127.0.0.3', agent: healthAgent });
      if (r.status === 200) health.push(r.ms);
      await new Promise((res) => setTimeout(res, healthEveryMs));
    }
  })();
  await Promise.all([loginLoop, healthLoop]);
  healthAgent.destroy();
  return { logins, health, statuses };
}

/**
 * Runs the comparison. `userId` must not be one the flood guesses (WRONG_IDS), or the flood would lock it.
 * Returns idle and flood figures: login p50 and /health p99, with the flood's request count and answers.
 */
export async function loginFlood({ url, userId = 'mlopez', password, clients = 20, phaseMs = 8_000, warmupMs = 1_500 }) {
  const idle = await measure(url, { ms: phaseMs, userId, password });
  const sources = Array.from({ length: clients }, (_, i) => `127.0.0.${10 + i}`);
  const worker = new Worker(new URL('./flood-worker.mjs', import.meta.url), { workerData: { url, sources, knownIds: WRONG_IDS } });
  await new Promise((r) => setTimeout(r, warmupMs));
  const flood = await measure(url, { ms: phaseMs, userId, password });
  worker.postMessage('stop');
  const floodStats = await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  const seconds = (phaseMs + warmupMs) / 1000;
  return {
    idleLoginP50: median(idle.logins),
    floodLoginP50: median(flood.logins),
    idleHealthP99: p99(idle.health),
    floodHealthP99: p99(flood.health),
    idleHealthP50: median(idle.health),
    floodHealthP50: median(flood.health),
    legitStatuses: { idle: idle.statuses, flood: flood.statuses },
    loginSamples: { idle: idle.logins.length, flood: flood.logins.length },
    floodRequests: floodStats.sent,
    floodPerSecond: floodStats.sent / seconds,
    floodStatuses: floodStats.statuses,
  };
}
