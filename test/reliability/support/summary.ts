import fs from 'node:fs';
import path from 'node:path';

/**
 * Figures of the reliability suite. Each test file runs in its own worker, so each writes its part
 * to test-results/reliability/<section>.json; the global teardown adds them up, writes
 * test-results/reliability-summary.json and prints it.
 */
export const RESULTS_DIR = path.resolve(__dirname, '../../../test-results');
/** The PostgreSQL run (ECUAPASS_TEST_DB=postgres) keeps its figures apart from the SQLite run's. */
const SUFFIX = process.env.ECUAPASS_TEST_DB === 'postgres' ? '-postgres' : '';
export const PARTS_DIR = path.join(RESULTS_DIR, `reliability${SUFFIX}`);
export const SUMMARY_FILE = path.join(RESULTS_DIR, `reliability-summary${SUFFIX}.json`);

export interface SectionFigures {
  /** Requests (HTTP or in-process inject) and IPC invocations this section sent. */
  requestsSent: number;
  /** Faults this section injected: malformed bodies and payloads, kills, dead or broken backends, guesses. */
  faultsInjected: number;
  /** Acknowledged writes (or unchanged states) found missing or wrong afterwards: must be 0. */
  dataLost: number;
  /** Everything else worth reading (cases per endpoint, statuses seen...). */
  details: Record<string, unknown>;
  durationMs?: number;
}

/** A mutable record of a section's figures, written at the end of its file (afterAll). */
export function figures(section: string): SectionFigures & { save(): void; startedAt: number } {
  const f = {
    requestsSent: 0,
    faultsInjected: 0,
    dataLost: 0,
    details: {} as Record<string, unknown>,
    startedAt: Date.now(),
    save() {
      fs.mkdirSync(PARTS_DIR, { recursive: true });
      const { save: _save, startedAt, ...rest } = f;
      const part: SectionFigures = { ...rest, durationMs: Date.now() - startedAt };
      fs.writeFileSync(path.join(PARTS_DIR, `${section}.json`), JSON.stringify(part, null, 2));
      console.log(`[reliability] ${section}: ${JSON.stringify({ requestsSent: part.requestsSent, faultsInjected: part.faultsInjected, dataLost: part.dataLost, durationMs: part.durationMs })}`);
    },
  };
  return f;
}

/** Counts occurrences, e.g. of statuses: `bump(map, '422 VALIDATION_FAILED')`. */
export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
