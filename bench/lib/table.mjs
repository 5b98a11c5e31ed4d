// Prints the result rows as a plain-text table, then one note per row that has one.

const fmt = (x) => {
  if (x === null || x === undefined) return '—';
  if (typeof x !== 'number') return String(x);
  if (!Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

export function formatTable(rows) {
  const header = ['#', 'Benchmark', 'Ours', 'Baseline', 'Ratio', 'Unit', 'p99 ours', 'p99 base', 'Target', 'Result'];
  const body = rows.map((r, i) => [
    String(r.id ?? i + 1),
    r.name,
    fmt(r.ours),
    fmt(r.baseline),
    r.ratio === null || r.ratio === undefined ? '—' : r.ratio.toFixed(3),
    r.unit,
    fmt(r.p99),
    fmt(r.baselineP99),
    r.target ?? '—',
    r.met === true ? 'MET' : r.met === false ? 'MISSED' : r.met === 'error' ? 'ERROR' : 'info',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const right = new Set([2, 3, 4, 6, 7]);
  const line = (cells) => cells.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' │ ');
  const sep = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const out = [line(header), sep, ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r, i) => `  [${r.id ?? i + 1}] ${r.note}`);
  if (notes.length) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}
