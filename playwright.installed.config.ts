import { defineConfig } from '@playwright/test';

// The installed-package test (test/installed): builds nothing itself; scripts/run-installed-test.mjs builds the .deb
// files, then runs this against the program apt-get installs. One worker, no retries: it installs and removes a
// system package, a retry would start from a changed machine.
export default defineConfig({
  testDir: 'test/installed',
  timeout: 240_000,
  expect: { timeout: 15_000 },
  use: { actionTimeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/playwright-installed',
});
