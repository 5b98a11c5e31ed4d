// 11. "Actividad de la cuenta" (issue 28): 100,000 audit events for one user, written straight into the running
// backend's SQLite file (one transaction, as an operator's import would), then GET /api/v1/general-user/activity
// pages of 50 timed over HTTP: the newest page, a page deep in the trail (keyset: `before` = an id near the oldest
// events) and a page filtered by type, against GET /sessions/current (the cheapest authenticated call) as baseline.
// Target: a page in ≤ 20 ms.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { API, benchUserId, login } from './lib/backend.mjs';
import { REPO } from './lib/paths.mjs';
import { median, p99 } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const EVENTS = 100_000;
const TARGET_MS = 20;
const ACTIONS = ['session.login', 'session.login', 'session.login', 'registration.update', 'session.closed', 'session.login_failed'];

function fill(dbFile, userId) {
  const Database = require(path.join(REPO, 'node_modules/better-sqlite3'));
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare('INSERT INTO audit_log (user_id, at, action, fields, device, ip) VALUES (?, ?, ?, ?, ?, ?)');
  const device = JSON.stringify({ host: 'PC-BENCH', os: 'Linux 6.1 (Debian 12)', app: '1.0.0' });
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < EVENTS; i++) {
      const action = ACTIONS[i % ACTIONS.length];
      insert.run(userId, new Date(start + i * 60_000).toISOString(), action, action === 'registration.update' ? '["phone1"]' : '[]', device, '10.0.0.7');
    }
  })();
  const ms = performance.now() - t0;
  const { lo, hi } = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM audit_log WHERE user_id = ?').get(userId);
  db.close();
  return { ms, lo, hi };
}

export async function run(ctx) {
  const userId = benchUserId(9);
  const filled = fill(path.join(ctx.dir, 'ecuapass.sqlite'), userId);
  ctx.log(`account activity: ${EVENTS} events written in ${(filled.ms / 1000).toFixed(1)} s`);
  const token = await login(ctx.backend.url, userId);
  const get = async (pathname, expectEvents) => {
    const t0 = performance.now();
    const res = await fetch(`${ctx.backend.url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}: ${JSON.stringify(body)}`);
    if (expectEvents && body.events.length !== 50) throw new Error(`${pathname} gave ${body.events.length} events, not 50`);
    return ms;
  };
  const deep = filled.lo + 1000;
  const cases = {
    newest: `${API}/general-user/activity?limit=50`,
    deep: `${API}/general-user/activity?limit=50&before=${deep}`,
    filtered: `${API}/general-user/activity?limit=50&type=registration.update&before=${Math.floor((filled.lo + filled.hi) / 2)}`,
  };
  const samples = { newest: [], deep: [], filtered: [], baseline: [] };
  for (const p of Object.values(cases)) await get(p, true); // warm-up
  await get(`${API}/sessions/current`, false);
  const reps = Math.max(ctx.reps, 20);
  for (let i = 0; i < reps; i++) {
    for (const [k, p] of Object.entries(cases)) samples[k].push(await get(p, true));
    samples.baseline.push(await get(`${API}/sessions/current`, false));
  }
  const worst = Math.max(median(samples.newest), median(samples.deep), median(samples.filtered));
  const base = median(samples.baseline);
  ctx.log(
    `account activity: newest ${median(samples.newest).toFixed(2)} ms, deep ${median(samples.deep).toFixed(2)} ms, ` +
      `filtered ${median(samples.filtered).toFixed(2)} ms, /sessions/current ${base.toFixed(2)} ms`,
  );
  return [
    {
      id: '11',
      name: 'Actividad: page of 50 of 100,000 events (SQLite)',
      ours: worst,
      baseline: base,
      ratio: worst / base,
      unit: 'ms',
      p99: Math.max(p99(samples.newest), p99(samples.deep), p99(samples.filtered)),
      target: `≤ ${TARGET_MS} ms`,
      met: worst <= TARGET_MS,
      pages: { newest: median(samples.newest), deep: median(samples.deep), filtered: median(samples.filtered) },
      note:
        `slowest median of three pages (newest ${median(samples.newest).toFixed(2)}, deep ${median(samples.deep).toFixed(2)}, ` +
        `filtered by type ${median(samples.filtered).toFixed(2)} ms) over HTTP, keyset on (user_id, id) / (user_id, action, id); ` +
        `baseline GET /sessions/current. ${EVENTS} events inserted in ${(filled.ms / 1000).toFixed(1)} s.`,
    },
  ];
}
