// 6. Password hashing cost per login: verifyPassword of the compiled backend (out/server, the code the server runs)
// with its SCRYPT_PARAMS, and the whole login (POST /api/v1/sessions) against GET /health on the running backend.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { API, DEMO_PASSWORD } from './lib/backend.mjs';
import { REPO } from './lib/paths.mjs';
import { median, p99 } from './lib/stats.mjs';

const require = createRequire(import.meta.url);

async function timeIt(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function run(ctx) {
  const { SCRYPT_PARAMS, hashPassword, verifyPassword } = require(path.join(REPO, 'out/server/src-server/security/password-hash.js'));
  const reps = Math.max(ctx.reps, 7);
  const stored = await hashPassword(DEMO_PASSWORD);
  await verifyPassword(DEMO_PASSWORD, stored); // warm-up
  const verify = [];
  const hash = [];
  for (let i = 0; i < reps; i++) {
    verify.push(await timeIt(async () => {
      if (!(await verifyPassword(DEMO_PASSWORD, stored))) throw new Error('verifyPassword returned false');
    }));
    hash.push(await timeIt(() => hashPassword(DEMO_PASSWORD)));
  }

  const url = ctx.backend.url;
  const loginOnce = async () => {
    const res = await fetch(`${url}${API}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'mlopez', password: DEMO_PASSWORD }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`login answered ${res.status}`);
  };
  const healthOnce = async () => {
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
  };
  await loginOnce();
  await healthOnce();
  const logins = [];
  const health = [];
  for (let i = 0; i < reps; i++) {
    logins.push(await timeIt(loginOnce));
    health.push(await timeIt(healthOnce));
  }
  ctx.log(`password hash: verify ${median(verify).toFixed(1)} ms, login ${median(logins).toFixed(1)} ms, health ${median(health).toFixed(2)} ms`);

  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  const memMiB = (128 * N * r) / 2 ** 20;
  const params = `scrypt N=2^${Math.log2(N)} r=${r} p=${p}, ${memMiB} MiB, salt ${saltBytes} B, key ${keyBytes} B`;
  const mv = median(verify);
  const ml = median(logins);
  const mh = median(health);
  return [
    {
      id: '6',
      name: 'Password hash per login (verify)',
      ours: mv,
      baseline: null,
      ratio: null,
      unit: 'ms',
      p99: p99(verify),
      target: null,
      met: null,
      params: { ...SCRYPT_PARAMS, memoryMiB: memMiB },
      hashMs: median(hash),
      samples: verify,
      note: `${params}; hashing a new password ${median(hash).toFixed(1)} ms. No target; OWASP's scrypt minimum.`,
    },
    {
      id: '6b',
      name: 'Login POST /sessions vs GET /health',
      ours: ml,
      baseline: mh,
      ratio: ml / mh,
      unit: 'ms',
      p99: p99(logins),
      baselineP99: p99(health),
      target: null,
      met: null,
      hashShare: mv / ml,
      note:
        `a login costs ${(ml - mh).toFixed(1)} ms more than /health; one scrypt verify alone is ${mv.toFixed(1)} ms, i.e. ` +
        `practically all of it (the two are timed separately, so the share can read above 100 %: ${Math.round((100 * mv) / ml)} %).`,
    },
  ];
}
