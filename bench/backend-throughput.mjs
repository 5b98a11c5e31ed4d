// 5. Backend throughput: autocannon (10 connections, 5 s) against GET and PUT /api/v1/general-user/registration of
// the real backend, each against a bare Fastify route on the same machine answering constant JSON of the same size
// (lib/bare-server.mjs, same logger level). Each connection is one user of its own (bench01…bench10, its own token);
// a PUT connection sends its user's current `version` (taken from the previous answer) and toggles phone2, so every
// PUT is a real update. Runs interleaved: GET ours, GET bare, PUT ours, PUT bare, × reps.
import autocannon from 'autocannon';
import { API, BENCH_USER_COUNT, benchUserId, getRegistration, login, settleVersions, startBareServer, updateBodyFrom } from './lib/backend.mjs';
import { throughputRow } from './lib/stats.mjs';

// Issue 30: raised from 0.5 and 0.25.
export const TARGET_GET_RATIO = 0.7;
export const TARGET_PUT_RATIO = 0.4;
const CONNECTIONS = 10;
const DURATION_S = 5;
const PATH = `${API}/general-user/registration`;

/** autocannon against GET or PUT registration, one user per connection (exported for the PostgreSQL bench). */
export function runAutocannon(url, method, users, connections = CONNECTIONS, durationS = DURATION_S) {
  let next = 0;
  const perClient = (user) => {
    const headers = { authorization: `Bearer ${user.token}` };
    if (method === 'GET') return { method, path: PATH, headers };
    return {
      method,
      path: PATH,
      headers: { ...headers, 'content-type': 'application/json' },
      setupRequest: (req) => {
        user.flip = !user.flip;
        return { ...req, body: JSON.stringify(updateBodyFrom({ ...user.reg, version: user.version }, { flip: user.flip })) };
      },
      onResponse: (status, body) => {
        if (status === 200) user.version = JSON.parse(body).version;
        else {
          user.failures = (user.failures ?? 0) + 1;
          const code = JSON.parse(body)?.error?.code ?? status;
          user.failureCodes = { ...user.failureCodes, [code]: (user.failureCodes?.[code] ?? 0) + 1 };
        }
      },
    };
  };
  return autocannon({
    url,
    connections,
    duration: durationS,
    pipelining: 1,
    requests: [{ method, path: PATH }],
    // One user per connection: the client's request list is replaced by one bound to its user.
    setupClient: (client) => client.setRequests([perClient(users[next++ % users.length])]),
  });
}

export function summarize(result) {
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    p99: result.latency.p99,
    p50: result.latency.p50,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export async function run(ctx) {
  const url = ctx.backend.url;
  const users = [];
  for (let i = 0; i < BENCH_USER_COUNT; i++) {
    const userId = benchUserId(i);
    const token = await login(url, userId);
    const { value } = await getRegistration(url, token);
    users.push({ userId, token, reg: value, version: value.version, flip: false });
  }
  // The bare server answers the very bytes of a real answer (GET and PUT return the same Registration shape).
  const sample = await getRegistration(url, users[0].token);
  const bare = await startBareServer({ dir: ctx.dir, getBody: sample.text, putBody: sample.text, logLevel: ctx.backend.logLevel });
  const bareUsers = users.map((u) => ({ ...u }));
  const runs = { getOurs: [], getBare: [], putOurs: [], putBare: [] };
  try {
    for (let i = 0; i < ctx.reps; i++) {
      runs.getOurs.push(summarize(await runAutocannon(url, 'GET', users)));
      runs.getBare.push(summarize(await runAutocannon(bare.url, 'GET', bareUsers)));
      // Re-read each user's version (it only changes through these PUTs, but a failed one must not poison the run).
      await settleVersions(url, users);
      runs.putOurs.push(summarize(await runAutocannon(url, 'PUT', users)));
      runs.putBare.push(summarize(await runAutocannon(bare.url, 'PUT', bareUsers)));
      const f = (s) => `${s.rps.toFixed(0)} req/s p99 ${s.p99} ms${s.non2xx || s.errors ? ` (non-2xx ${s.non2xx}, errors ${s.errors})` : ''}`;
      ctx.log(`backend #${i + 1}: GET ours ${f(runs.getOurs.at(-1))} | bare ${f(runs.getBare.at(-1))}; PUT ours ${f(runs.putOurs.at(-1))} | bare ${f(runs.putBare.at(-1))}`);
    }
  } finally {
    await bare.stop();
  }
  const putVersions = users.reduce((s, u) => s + u.version, 0);
  const putFailures = users.reduce((s, u) => s + (u.failures ?? 0), 0);
  const row = (id, name, o, b, target, met, extra = {}) =>
    throughputRow({ id, name, ours: o, baseline: b, connections: CONNECTIONS, target, met, extra: { durationS: DURATION_S, logLevel: ctx.backend.logLevel, ...extra } });
  const getRow = row('5a', 'Backend GET registration', runs.getOurs, runs.getBare, `ratio ≥ ${TARGET_GET_RATIO}`, (r) => r >= TARGET_GET_RATIO);
  const putRow = row('5b', 'Backend PUT registration', runs.putOurs, runs.putBare, `ratio ≥ ${TARGET_PUT_RATIO}`, (r) => r >= TARGET_PUT_RATIO, {
    putFailures,
    versionsAfter: putVersions,
  });
  getRow.note =
    (getRow.met ? '' : `${(getRow.ratio * 100).toFixed(0)} % of a bare Fastify route. `) +
    `p99 ${getRow.p99} ms vs ${getRow.baselineP99} ms (10 connections, ${DURATION_S} s, logger level ${ctx.backend.logLevel} on both). ` +
    'Each GET is one SQL read (the session joined with its whole user row, compiled once, run synchronously on its own ' +
    'raw-mode statement; last_seen_at is written at most every 5 s), a one-shot sha256 of the token, the contract check ' +
    'of the answer (zod, compiled once) and JSON.stringify; the authentication hook and the handler finish in the same ' +
    'turn, without a promise. Logging is not the cost: at logger level warn on both the ratio is the same.' +
    (getRow.met
      ? ''
      : ' What is left (server CPU per GET from /proc, ~90–110 µs ours vs ~45–55 µs bare on this 2-core VM): the SQLite ' +
        'read, ~7 µs warm and 25–40 µs with the caches cold as they are between requests (the largest single entry of ' +
        'the profile, 2 fcntl locks per read transaction included); the socket write, dearer for ours because the load ' +
        'generator has gone to sleep and must be woken; then the answer check, JSON and V8 work in small pieces. The ' +
        'ratio moves 0.45–0.59 between server instances of the same build and with the VM\'s steal time ' +
        '(see bench/profile-backend.mjs).');
  putRow.note =
    (putRow.met ? '' : `${(putRow.ratio * 100).toFixed(0)} % of a bare Fastify route. `) +
    `each PUT is a real update: the body's zod schema (built once per user), one UPDATE … RETURNING and the audit row ` +
    `in a SAVEPOINT of a group commit (the PUTs of one event-loop turn share one durable COMMIT: synchronous=FULL, ` +
    `answered only after it); ${putFailures} PUT answers were not 200. p99 ${putRow.p99} ms vs ${putRow.baselineP99} ms.` +
    (putRow.met
      ? ''
      : ' What is left: the WAL sync (~250 µs per COMMIT, blocking the one connection) shared by ~5 PUTs per batch at ' +
        '10 connections, and the writes themselves (users row, audit row with its index and AUTOINCREMENT).');
  return [getRow, putRow];
}
