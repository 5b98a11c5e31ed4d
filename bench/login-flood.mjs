// 7. Login flood (issue #11 case 1): 20 sources sending wrong logins; a legitimate login from another source and
// GET /health, each under the flood against the same backend idle (bench/lib/login-flood.mjs). Target: both ≤ 2×.
import { DEMO_PASSWORD } from './lib/backend.mjs';
import { loginFlood } from './lib/login-flood.mjs';

export async function run(ctx) {
  const r = await loginFlood({ url: ctx.backend.url, password: DEMO_PASSWORD, phaseMs: 10_000 });
  ctx.log(`login flood: ${r.floodRequests} flood requests (${r.floodPerSecond.toFixed(0)}/s) ${JSON.stringify(r.floodStatuses)}`);
  const login = r.floodLoginP50 / r.idleLoginP50;
  const health = r.floodHealthP99 / r.idleHealthP99;
  const common = { floodRequests: r.floodRequests, floodStatuses: r.floodStatuses, legitStatuses: r.legitStatuses };
  return [
    {
      id: '7',
      name: 'Legit login p50 under a 20-source login flood vs idle',
      ours: r.floodLoginP50,
      baseline: r.idleLoginP50,
      ratio: login,
      unit: 'ms',
      target: '≤ 2×',
      met: login <= 2,
      ...common,
      note: `${r.loginSamples.flood} logins under the flood, ${r.loginSamples.idle} idle, each from its own source address`,
    },
    {
      id: '7b',
      name: 'GET /health p99 under a 20-source login flood vs idle',
      ours: r.floodHealthP99,
      baseline: r.idleHealthP99,
      ratio: health,
      unit: 'ms',
      target: '≤ 2×',
      met: health <= 2,
      ...common,
      note: `p50 ${r.floodHealthP50.toFixed(2)} ms under the flood, ${r.idleHealthP50.toFixed(2)} ms idle`,
    },
  ];
}
