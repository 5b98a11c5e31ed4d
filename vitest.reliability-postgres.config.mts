import { defineConfig } from 'vitest/config';

// The held reliability sections (issue 14) on PostgreSQL: fuzzing over HTTP, load with integrity, crash recovery of
// the real backend process, and parallel guesses at automatic keys and TOTP codes (issue 27). Same files as
// vitest.reliability.config.mts; the dialect comes from ECUAPASS_TEST_DB
// (set by `npm run test:reliability:postgres`, so the global setups see it too), the server from the private
// PostgreSQL of test/support/postgres-global-setup.ts. Figures: test-results/reliability-summary-postgres.json.
// The npm script runs it at RELIABILITY_SCALE=0.5 (half the generated cases) to keep the whole `npm test` well under
// its time budget: every fuzz case reads all tables twice over the network instead of from a local file.
export default defineConfig({
  test: {
    name: 'reliability-postgres',
    include: ['test/reliability/http-fuzz.test.ts', 'test/reliability/load-integrity.test.ts', 'test/reliability/crash-recovery.test.ts', 'test/reliability/account-guessing.test.ts'],
    environment: 'node',
    env: { ECUAPASS_TEST_DB: 'postgres' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['test/support/postgres-global-setup.ts', 'test/reliability/support/global-setup.ts'],
  },
});
