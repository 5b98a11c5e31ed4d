// Reading V8 .cpuprofile files (the backend's --cpu-prof, the main process's Profiler) for the bench's profile scripts.

/** Self time per function (name + file:line) from a V8 .cpuprofile: samples × their time deltas. */
export function topSelfTime(profile, count) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const merged = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? `${url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'nm/').replace(/.*\/out\/server\//, 'out/server/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    merged.set(key, (merged.get(key) ?? 0) + us);
  }
  return {
    totalMs: total / 1000,
    rows: [...merged.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([fn, us]) => ({ fn, ms: us / 1000, pct: (100 * us) / total })),
  };
}
