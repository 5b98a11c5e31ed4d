import { app, powerMonitor, safeStorage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { recoverFromRendererCrash } from '../window/renderer-recovery';
import { runtimeFeatures } from '../runtime/electron-runtime';
import { draftCipherFor } from './draft-cipher';
import { DraftStore } from './draft-store';
import { LeaveGuard } from './leave-guard';

interface Log {
  warn(message: string, ...details: unknown[]): void;
}

/**
 * Nothing typed is lost (issue 9): the draft folder, the unsaved-changes guard on the window, a
 * crashed page reloaded, and at OS shutdown, log-off or SIGTERM (no time to ask) the draft written.
 */
export function setUpDrafts(win: BrowserWindow, opts: { maxAgeDays: () => number; log: Log }) {
  const leaveGuard = new LeaveGuard(() => app.quit());
  leaveGuard.attach(win);
  recoverFromRendererCrash(win, () => leaveGuard.pageGone(), opts.log);
  // Electron 25 passes an event whose preventDefault() delays the shutdown a little; later releases pass none.
  powerMonitor.on('shutdown', ((e?: { preventDefault?: () => void }) => {
    e?.preventDefault?.();
    leaveGuard.flushAndQuit();
  }) as () => void);
  win.on('session-end', () => leaveGuard.flushAndQuit());
  process.on('SIGTERM', () => leaveGuard.flushAndQuit());

  const drafts = new DraftStore(join(app.getPath('userData'), 'drafts'), draftCipherFor(safeStorage, process.platform, runtimeFeatures()), {
    maxAgeDays: opts.maxAgeDays,
    onProblem: (m) => opts.log.warn(m),
  });
  try {
    drafts.purge();
  } catch (err) {
    opts.log.warn('old drafts not purged', err);
  }
  return { drafts, leaveGuard };
}
