// 1b. Where the cold start goes (issue #15: traces, not guesses). The same launches as cold-start.mjs (release
// binary vs bare window, fresh profile each, interleaved, one uncounted warm-up pair) with ECUAPASS_STARTUP_MARKS=1:
// both main processes print their phases on stderr (src-main/startup-marks.ts, bench/bare-app/main.js) and the page
// reports its own timeOrigin and DOMContentLoaded. Prints the median ms from spawn to each phase, ours and bare,
// side by side; informational (the target is on row 1).
import path from 'node:path';
import { coldStart } from './lib/cdp-launch.mjs';
import { bareReadyProbe, clearKeychain, electronRuntime, oursReady } from './lib/electron.mjs';
import { BARE_APP_DIR, PACKAGED_EXE } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

const PHASES = [
  'main-script',
  'app-ready',
  'window-created',
  'page-time-origin',
  'services-loaded',
  'bridge-bound',
  'document-response-start',
  'document-response-end',
  'scripts-response-end',
  'renderer-dom-ready',
  'page-dom-content-loaded',
  'ready-to-show',
  'interactive',
  'keychain-probed',
  'bridge-ready',
];

function phasesOf(sample) {
  const at = {};
  for (const m of sample.stderr.matchAll(/\[startup-mark\] (\S+) (\d+)/g)) at[m[1]] ??= Number(m[2]) - sample.spawnedAt;
  at['page-time-origin'] = sample.pageOrigin - sample.spawnedAt;
  if (sample.domContentLoaded) at['page-dom-content-loaded'] = sample.domContentLoaded - sample.spawnedAt;
  at.interactive = sample.ms;
  const page = sample.extra;
  if (page?.nav) {
    at['document-response-start'] = page.origin + page.nav.responseStart - sample.spawnedAt;
    at['document-response-end'] = page.origin + page.nav.responseEnd - sample.spawnedAt;
    if (page.scriptsEnd) at['scripts-response-end'] = page.origin + page.scriptsEnd - sample.spawnedAt;
  }
  return at;
}

// The page's own timings (ms since its timeOrigin): the document's response, the last script or stylesheet received.
const PAGE_TIMINGS = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.initiatorType === 'link' || r.initiatorType === 'other');
  return { origin: performance.timeOrigin, nav: nav && { responseStart: nav.responseStart, responseEnd: nav.responseEnd }, scriptsEnd: res.length ? Math.max(...res.map((r) => r.responseEnd)) : 0 };
})()`;

async function once(kind, ctx) {
  const env = { ...process.env, ECUAPASS_STARTUP_MARKS: '1' };
  if (kind === 'ours') {
    await clearKeychain();
    return coldStart({ executable: PACKAGED_EXE, env: { ...env, ECUAPASS_API_URL: ctx.backend.url }, probe: `(${oursReady.toString()})(true);`, lingerMs: 1500, afterReady: PAGE_TIMINGS });
  }
  return coldStart({ executable: path.join(electronRuntime(), 'electron'), args: [BARE_APP_DIR], env, probe: `(${bareReadyProbe.toString()})();`, lingerMs: 300, afterReady: PAGE_TIMINGS });
}

export async function run(ctx) {
  const ours = [];
  const bare = [];
  for (let i = -1; i < ctx.reps; i++) {
    const o = phasesOf(await once('ours', ctx));
    const b = phasesOf(await once('bare', ctx));
    if (i >= 0) {
      ours.push(o);
      bare.push(b);
    }
  }
  const med = (samples, phase) => {
    const v = samples.map((s) => s[phase]).filter((x) => typeof x === 'number');
    return v.length ? median(v) : null;
  };
  const phases = Object.fromEntries(PHASES.map((p) => [p, { ours: med(ours, p), bare: med(bare, p) }]));
  ctx.log('start-up phases, median ms after spawn (ours | bare):');
  for (const [p, v] of Object.entries(phases)) ctx.log(`  ${p.padEnd(24)} ${String(v.ours?.toFixed(0) ?? '—').padStart(5)} | ${String(v.bare?.toFixed(0) ?? '—').padStart(5)}`);
  const o = phases.interactive.ours;
  const b = phases.interactive.bare;
  return [
    {
      id: '1b',
      name: 'Cold start phases (spawn → interactive)',
      ours: o,
      baseline: b,
      ratio: o / b,
      unit: 'ms',
      target: null,
      met: null,
      phases,
      note: 'median ms after spawn per phase, ours / bare: ' + PHASES.map((p) => `${p} ${phases[p].ours?.toFixed(0) ?? '—'}/${phases[p].bare?.toFixed(0) ?? '—'}`).join(', '),
    },
  ];
}
