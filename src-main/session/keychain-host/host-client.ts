import type { KeychainOp, KeychainRequest, KeychainResponse } from './protocol';

/** What the client needs of a spawned helper (Electron's UtilityProcess has this shape). */
export interface HelperProcess {
  readonly pid: number | undefined;
  postMessage(message: KeychainRequest): void;
  on(event: 'message', listener: (message: KeychainResponse) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

export interface HostClientOptions {
  /** Per call: a helper that does not answer in time is taken for hung and killed. */
  timeoutMs: number;
  /** Restarts allowed after a crash or hang, until `reset()`. */
  restarts?: number;
  /**
   * With no call pending for this long, the helper is ended (it holds ~60–85 MiB for calls that come at login,
   * logout and start-up only) and the next call starts a new one. Not a failure: it uses up no restart.
   * Default: never.
   */
  idleMs?: number;
  log?: (message: string) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Talks to the keychain helper: request/response by id, a time limit per call, one restart after
 * a crash or hang (the failed call is tried once more on the new helper), then every call fails
 * fast until `reset()` ("Reintentar"). An idle helper is ended (`idleMs`) and started again on the
 * next call.
 */
export class KeychainHostClient {
  private child: HelperProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Restarts left after a crash or hang; past them the client has given up (until `reset()`). */
  private restartsLeft: number;
  private givenUp = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly spawn: () => HelperProcess,
    private readonly options: HostClientOptions,
  ) {
    this.restartsLeft = options.restarts ?? 1;
  }

  /** The helper's process id, while one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Allows a fresh helper again (after "Reintentar"). */
  reset(): void {
    this.restartsLeft = this.options.restarts ?? 1;
    this.givenUp = false;
  }

  /** `timeoutMs` overrides the per-call limit (the start-up probe is shorter). */
  async call(op: KeychainOp, timeoutMs = this.options.timeoutMs): Promise<unknown> {
    try {
      return await this.once(op, timeoutMs);
    } catch (err) {
      if (!(err instanceof HelperGone) || this.givenUp) throw err;
      this.options.log?.(`keychain helper restarted after: ${err.message}`);
      return this.once(op, timeoutMs);
    }
  }

  /** Ends the helper (app quitting). */
  dispose(): void {
    this.stopIdleTimer();
    const child = this.child;
    this.child = null;
    child?.kill();
    this.failAll(new HelperGone('keychain helper stopped'));
  }

  private once(op: KeychainOp, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.stopIdleTimer();
      const child = this.ensureChild();
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HelperGone(`keychain did not answer within ${timeoutMs} ms`));
        // A hung helper is of no more use: the next call gets a new one (if restarts remain).
        if (this.child === child) this.abandon(child, new HelperGone('keychain helper hung'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      child.postMessage({ ...op, id });
    });
  }

  private ensureChild(): HelperProcess {
    if (this.child) return this.child;
    if (this.givenUp) throw new Error('keychain helper given up after repeated failures');
    const child = this.spawn();
    this.child = child;
    child.on('message', (msg) => {
      const p = this.pending.get(msg?.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.message));
      if (this.child === child) this.armIdleTimer();
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      this.stopIdleTimer();
      this.failed();
      this.options.log?.(`keychain helper exited with code ${code}`);
      this.failAll(new HelperGone(`keychain helper exited with code ${code}`));
    });
    return child;
  }

  /** A helper crashed or hung: one restart fewer (none left: given up). */
  private failed(): void {
    if (this.restartsLeft > 0) this.restartsLeft -= 1;
    else this.givenUp = true;
  }

  private abandon(child: HelperProcess, err: HelperGone): void {
    this.child = null;
    this.stopIdleTimer();
    this.failed();
    child.kill();
    this.failAll(err);
  }

  /** Nothing pending: the helper is ended after `idleMs` unless a call comes first. */
  private armIdleTimer(): void {
    const { idleMs } = this.options;
    if (idleMs === undefined || this.pending.size > 0) return;
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      const child = this.child;
      if (!child || this.pending.size > 0) return;
      // Forgotten first: its exit is not taken for a crash.
      this.child = null;
      child.kill();
    }, idleMs);
    this.idleTimer.unref?.();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer === undefined) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }
}

/** The helper crashed, hung or was stopped: the call may be tried again on a new helper. */
export class HelperGone extends Error {}
