import type { AppEvent } from '../../src-shared/contract';

export interface GuardedWindow {
  on(event: 'close', listener: (e: { preventDefault(): void }) => void): void;
}

/**
 * The unsaved-changes guard on the main process's side (issue 9). The page says when the form has
 * changes; a window close or quit (Salir, Ctrl+Q) is then held and the page is asked to show its
 * Sí/No dialog. The page hears that through `nextAppEvent`, a call that answers when there is
 * something to tell (the preload offers no other way from main to page). At OS shutdown there is
 * no time to ask: the page is told to write its draft now, and the app quits.
 */
export class LeaveGuard {
  private unsaved = false;
  private leaving = false;
  private queued: AppEvent | null = null;
  private waiter: ((event: AppEvent) => void) | null = null;

  constructor(private readonly quit: () => void) {}

  attach(win: GuardedWindow): void {
    win.on('close', (e) => {
      if (!this.unsaved || this.leaving) return;
      e.preventDefault();
      this.emit({ kind: 'closeRequested' });
    });
  }

  setUnsaved(dirty: boolean): void {
    this.unsaved = dirty;
  }

  /** The page answered Sí ("salir sin guardar"): the held close/quit goes ahead. */
  leave(): void {
    this.leaving = true;
    this.quit();
  }

  /** OS shutdown, log-off, SIGTERM: the page writes its draft at once, then the app quits (after `graceMs`). */
  flushAndQuit(graceMs = 800): void {
    if (this.leaving) return;
    this.leaving = true;
    this.emit({ kind: 'flushDraft' });
    setTimeout(() => this.quit(), graceMs);
  }

  /** The page crashed or reloaded: nothing of it is unsaved any more (its draft is on disk). */
  pageGone(): void {
    this.unsaved = false;
    this.waiter = null;
  }

  /** The page's long-poll: the next event, or the one that waited for it. */
  next(): Promise<AppEvent> {
    if (this.queued) {
      const event = this.queued;
      this.queued = null;
      return Promise.resolve(event);
    }
    // A newer call replaces an older one (a reloaded page asks again; the old page is gone).
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private emit(event: AppEvent): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter(event);
    } else this.queued = event;
  }
}
