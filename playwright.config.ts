import { defineConfig } from '@playwright/test';

// E2E tests drive the real Electron app (test/e2e). One worker: each test owns the app's window,
// the keychain and a backend of its own.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // One retry in CI: a test that passes only on retry is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results/playwright',
});
