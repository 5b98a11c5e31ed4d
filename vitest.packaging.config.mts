import { defineConfig } from 'vitest/config';

// Tests of the PACKAGED app (dist/linux-unpacked): run `npm run package:dir` first, then `npm run test:packaging`.
// Kept out of the default projects (vitest.config.mts) because they need the packaging step and a display.
export default defineConfig({
  test: {
    name: 'packaging',
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
