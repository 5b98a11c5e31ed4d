import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SCREENS_DIR } from './paths';

export interface LaunchedApp {
  app: ElectronApplication;
  window: Page;
  close(): Promise<void>;
}

export function newUserDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ecuapass-e2e-profile-'));
}

/**
 * Launches the real app: the packaged one (dist/linux-unpacked) when ECUAPASS_E2E_PACKAGED is set,
 * otherwise the built one (out/) on the provisioned Electron runtime.
 */
export async function launchApp(opts: {
  apiUrl: string;
  userDataDir: string;
  env?: Record<string, string>;
}): Promise<LaunchedApp> {
  const packaged = process.env.ECUAPASS_E2E_PACKAGED;
  const args = [`--user-data-dir=${opts.userDataDir}`];
  const app = await _electron.launch({
    ...(packaged ? { executablePath: packaged } : {}),
    args: packaged ? args : [REPO_ROOT, ...args],
    env: { ...process.env, ECUAPASS_API_URL: opts.apiUrl, ...opts.env } as Record<string, string>,
    timeout: 30_000,
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return {
    app,
    window,
    async close() {
      // A form left with changes holds a polite close (the unsaved-changes question): the harness
      // destroys the window instead, which skips the question, and the app quits as after Sí.
      const proc = app.process();
      const exited = new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.destroy())).catch(() => undefined);
      await Promise.race([exited, app.close().catch(() => undefined)]);
      await exitedOrExplained(proc, exited, opts.userDataDir);
    },
  };
}

export async function screenshot(window: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  await window.screenshot({ path: file });
  return file;
}

/**
 * The app's process should end within seconds of its quit. If it
 * does not within `ms`, the test fails with what the process tree and the main log show, and the
 * process is killed so that the next test starts clean.
 */
export async function exitedOrExplained(proc: ChildProcess, exited: Promise<void>, userDataDir: string, ms = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return;
  const tree = (() => {
    try {
      return execFileSync('ps', ['-eo', 'pid,ppid,stat,wchan:20,args', '--forest'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('ecuapass') || line.includes('electron'))
        .join('\n');
    } catch (err) {
      return `ps failed: ${String(err)}`;
    }
  })();
  const logFile = path.join(userDataDir, 'logs', 'main.log');
  const logTail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '(no main.log)';
  if (proc.pid) process.kill(proc.pid, 'SIGKILL');
  await exited;
  throw new Error(`the app did not exit within ${ms} ms of its quit\nprocesses:\n${tree}\nmain.log:\n${logTail}`);
}
