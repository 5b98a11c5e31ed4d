import fs from 'node:fs';
import path from 'node:path';
import { PARTS_DIR, SUMMARY_FILE, type SectionFigures } from './summary';

/** Clears the figures of an earlier run, and at the end adds up the parts each file wrote. */
export function setup(): void {
  fs.rmSync(PARTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(PARTS_DIR, { recursive: true });
  startedAt = Date.now();
}

let startedAt = Date.now();

export function teardown(): void {
  const files = fs.existsSync(PARTS_DIR) ? fs.readdirSync(PARTS_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  const sections: Record<string, SectionFigures> = {};
  for (const f of files) sections[path.basename(f, '.json')] = JSON.parse(fs.readFileSync(path.join(PARTS_DIR, f), 'utf8')) as SectionFigures;
  const parts = Object.values(sections);
  const total = (k: 'requestsSent' | 'faultsInjected' | 'dataLost') => parts.reduce((n, p) => n + p[k], 0);
  const summary = {
    generatedAt: new Date().toISOString(),
    wallClockMs: Date.now() - startedAt,
    totals: { requestsSent: total('requestsSent'), faultsInjected: total('faultsInjected'), dataLost: total('dataLost') },
    sections,
  };
  fs.writeFileSync(SUMMARY_FILE, JSON.stringify(summary, null, 2));
  const lines = [
    '',
    '──────── reliability summary ────────',
    `sections: ${Object.keys(sections).join(', ') || '(none)'}`,
    ...Object.entries(sections).map(
      ([name, s]) =>
        `  ${name.padEnd(18)} requests ${String(s.requestsSent).padStart(6)}  faults ${String(s.faultsInjected).padStart(6)}  data lost ${s.dataLost}  (${((s.durationMs ?? 0) / 1000).toFixed(1)} s)`,
    ),
    ...casesLines(sections),
    `TOTAL requests sent ${summary.totals.requestsSent}, faults injected ${summary.totals.faultsInjected}, data lost ${summary.totals.dataLost}`,
    `wall clock ${(summary.wallClockMs / 1000).toFixed(1)} s; full figures: ${path.relative(process.cwd(), SUMMARY_FILE)}`,
    '─────────────────────────────────────',
  ];
  console.log(lines.join('\n'));
}

/** Cases tried per HTTP endpoint and per IPC channel, from the fuzzers' details. */
function casesLines(sections: Record<string, SectionFigures>): string[] {
  const lines: string[] = [];
  const endpoints = sections['http-fuzz']?.details.perEndpoint as
    | Record<string, { jsonCases: number; rawCases: number; httpCases: number; accepted: number }>
    | undefined;
  if (endpoints) {
    lines.push('cases per endpoint (generated JSON + raw bodies in-process, + over real HTTP; accepted):');
    for (const [name, e] of Object.entries(endpoints)) {
      lines.push(`  ${name.padEnd(40)} ${String(e.jsonCases).padStart(5)} + ${String(e.rawCases).padStart(4)} + ${String(e.httpCases).padStart(4)} = ${String(e.jsonCases + e.rawCases + e.httpCases).padStart(5)}  (accepted ${e.accepted})`);
    }
  }
  const channels = sections['ipc-fuzz']?.details.perChannel as Record<string, { cases: number; refused: number; accepted: number }> | undefined;
  if (channels) {
    lines.push('cases per IPC channel (refused / accepted):');
    const cells = Object.entries(channels).map(([name, c]) => `${name} ${c.cases} (${c.refused}/${c.accepted})`);
    for (let i = 0; i < cells.length; i += 3) lines.push(`  ${cells.slice(i, i + 3).join('; ')}`);
  }
  return lines;
}
