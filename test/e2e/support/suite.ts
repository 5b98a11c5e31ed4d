import { test } from '@playwright/test';
import { startBackend, type RunningBackend } from './backend';
import type { LaunchedApp } from './desktop-app';
import { clearKeychain } from './keychain';

export interface SuiteContext {
  backend: RunningBackend;
  /** The app a test launched; closed after each test. */
  running: LaunchedApp | null;
}

/**
 * One backend (own port, own SQLite file) for the spec file, the keychain emptied first (before
 * each test with `clearKeychain: 'each'`), and whatever app a test launched closed after it.
 */
export function useBackendAndApp(options: { clearKeychain?: 'once' | 'each' } = {}): SuiteContext {
  const ctx = { running: null } as SuiteContext;
  test.beforeAll(async () => {
    await clearKeychain();
    ctx.backend = await startBackend();
  });
  if (options.clearKeychain === 'each') test.beforeEach(() => clearKeychain());
  test.afterEach(async () => {
    await ctx.running?.close();
    ctx.running = null;
  });
  test.afterAll(async () => {
    await ctx.backend?.dispose();
  });
  return ctx;
}
