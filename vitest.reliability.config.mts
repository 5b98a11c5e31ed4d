import { defineConfig } from 'vitest/config';

// The reliability suite (issue #6): fuzzing, load with integrity, crash recovery, client faults and
// brute force. One file at a time (they start backends and time things on a 2-core machine); the
// whole run must fit in 5 minutes. Figures: test-results/reliability-summary.json.
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['test/reliability/support/global-setup.ts'],
  },
});
