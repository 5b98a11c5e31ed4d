import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../../e2e/support/backend';

export const DESKTOP_ENTRY = '/usr/share/applications/ecuapass-desktop.desktop';

/** The Exec line of the installed desktop entry, split into words, without its field codes (%U, %f, ...). */
export function desktopExec(entryFile = DESKTOP_ENTRY): string[] {
  const text = readFileSync(entryFile, 'utf8');
  const section = text.split(/^\[/m).find((s) => s.startsWith('Desktop Entry]')) ?? '';
  const exec = /^Exec=(.*)$/m.exec(section)?.[1];
  if (!exec) throw new Error(`${entryFile} has no Exec line`);
  return exec.split(/\s+/).filter((w) => w !== '' && !/^%[a-zA-Z]$/.test(w));
}

export interface InstalledApp {
  page: Page;
  browser: Browser;
  port: number;
  /** Closes the window (the app quits as a user's close would) and waits until the process is gone. */
  close(): Promise<void>;
  output(): string;
}

/**
 * Starts the installed program as a launcher would (the desktop entry's Exec), plus the switches a test needs, and
 * drives its window through Chromium's DevTools protocol. The installed build is a release build: its Node
 * inspector fuse is off, so Playwright's electron.launch cannot attach; --remote-debugging-port is Chromium's own
 * switch (no fuse governs it) and exposes the renderer, which is all a user's-eye test needs.
 */
export async function launchInstalled(opts: { env: NodeJS.ProcessEnv; wrap?: string[]; port?: number }): Promise<InstalledApp> {
  const port = opts.port ?? (await freePort());
  const [command, ...args] = desktopExec();
  // Chromium refuses to run as root with its sandbox on (CI runs as root); a user's launch has no such switch.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const argv = [...(opts.wrap ?? []), command!, ...args, ...rootOnly, `--remote-debugging-port=${port}`];
  const child = spawn(argv[0]!, argv.slice(1), { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    return await attach(port, child, () => output);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n--- app output ---\n${output.slice(-3000)}`, { cause: err });
  }
}

/** Attaches to an app already listening on `port` (e.g. the one the updater restarted). */
export async function attach(port: number, child: ChildProcess | null, output: () => string = () => ''): Promise<InstalledApp> {
  await waitForDevTools(port, 45_000, () => (child && child.exitCode !== null ? `the app exited with ${child.exitCode}` : null));
  // noDefaults: Electron's DevTools host has no browser-context management (Browser.setDownloadBehavior).
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, Object.assign({ timeout: 30_000 }, { noDefaults: true }));
  const context = browser.contexts()[0]!;
  const page = context.pages().find((p) => p.url().startsWith('app://')) ?? (await context.waitForEvent('page', { timeout: 30_000 }));
  await page.waitForLoadState('domcontentloaded');
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  const pid = child?.pid ?? info.processInfo.find((p) => p.type === 'browser')?.id;
  return {
    page,
    browser,
    port,
    output,
    async close() {
      await page.close().catch(() => undefined);
      // Generous: a quit may run the updater's dpkg -i of a 230 MiB package first.
      const gone = await waitUntil(() => !alive(pid), 120_000);
      // Never a broad kill: only the process this test started (or the one the updater restarted for it).
      if (!gone && pid) process.kill(pid, 'SIGKILL');
      await browser.close().catch(() => undefined);
    },
  };
}

async function waitForDevTools(port: number, timeoutMs: number, failed: () => string | null): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const why = failed();
    if (why) throw new Error(why);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no DevTools endpoint on port ${port} after ${timeoutMs} ms`);
}

export async function devToolsUp(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/json/version`)).ok;
  } catch {
    return false;
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}
