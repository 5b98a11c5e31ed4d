// Small statistics helpers shared by the benchmarks.

/** Median of a list of numbers (mean of the two middle values for an even count). */
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * v.length);
  return v[Math.min(v.length - 1, Math.max(0, rank - 1))];
}

export const p99 = (values) => percentile(values, 99);

/** Rounds to `digits` decimals, keeping non-finite values as null (JSON-friendly). */
export function round(x, digits = 2) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function ratio(ours, baseline) {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return null;
  return ours / baseline;
}

/**
 * The ratio of two interleaved series, pair by pair: the median of ours[i] / baseline[i]. Sample i of each was taken
 * next to the other, so a drift of the shared machine's load over the run falls on both sides of each ratio, where
 * the ratio of the two medians compares samples taken minutes apart.
 */
export function pairedRatio(ours, baseline) {
  const n = Math.min(ours.length, baseline.length);
  return median(Array.from({ length: n }, (_, i) => (baseline[i] ? ours[i] / baseline[i] : NaN)));
}

/**
 * A results.json row for a throughput comparison: `ours` and `baseline` are autocannon runs
 * ({ rps, p99, non2xx, errors }); the row holds their medians, the ratio and the error counts.
 */
export function throughputRow({ id, name, ours, baseline, connections, target = null, met = null, extra = {} }) {
  const mo = median(ours.map((s) => s.rps));
  const mb = median(baseline.map((s) => s.rps));
  const r = pairedRatio(ours.map((s) => s.rps), baseline.map((s) => s.rps));
  const total = (runs, k) => runs.reduce((s, r) => s + r[k], 0);
  return {
    id,
    name,
    ours: mo,
    baseline: mb,
    ratio: r,
    ratioOfMedians: mo / mb,
    unit: 'req/s',
    p99: median(ours.map((s) => s.p99)),
    baselineP99: median(baseline.map((s) => s.p99)),
    target,
    met: met === null ? null : met(r),
    non2xx: { ours: total(ours, 'non2xx'), baseline: total(baseline, 'non2xx') },
    errors: { ours: total(ours, 'errors'), baseline: total(baseline, 'errors') },
    runs: { ours, baseline },
    connections,
    ...extra,
  };
}
