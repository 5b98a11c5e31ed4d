import { defineConfig } from 'vitest/config';

/** The backend's integration suite; it runs on both dialects with the same files. */
const SERVER_SUITE = ['test/integration/server/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/multi-instance/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each file starts its own backend on its own SQLite file; keep files parallel but few.
          maxWorkers: 2,
        },
      },
      {
        test: {
          // The same server suite on PostgreSQL: a private server for the run, a database per test backend.
          name: 'integration-postgres',
          include: [...SERVER_SUITE, 'test/integration/multi-instance/**/*.test.ts'],
          // main-process.test.ts is about the SQLite default and the operator's messages; the
          // multi-instance tests run the built main.js on PostgreSQL.
          exclude: ['test/integration/server/main-process.test.ts'],
          environment: 'node',
          env: { ECUAPASS_TEST_DB: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
