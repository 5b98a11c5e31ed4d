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
 * fast until `reset()` ("Reintentar").
 */
export class KeychainHostClient {
  private child: HelperProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The first helper plus the restarts allowed. */
  private spawnsLeft: number;

  constructor(
    private readonly spawn: () => HelperProcess,
    private readonly options: HostClientOptions,
  ) {
    this.spawnsLeft = 1 + (options.restarts ?? 1);
  }

  /** The helper's process id, while one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Allows a fresh helper again (after "Reintentar"). */
  reset(): void {
    this.spawnsLeft = 1 + (this.options.restarts ?? 1);
  }

  /** `timeoutMs` overrides the per-call limit (the start-up probe is shorter). */
  async call(op: KeychainOp, timeoutMs = this.options.timeoutMs): Promise<unknown> {
    try {
      return await this.once(op, timeoutMs);
    } catch (err) {
      if (!(err instanceof HelperGone) || this.spawnsLeft <= 0) throw err;
      this.options.log?.(`keychain helper restarted after: ${err.message}`);
      return this.once(op, timeoutMs);
    }
  }

  /** Ends the helper (app quitting). */
  dispose(): void {
    const child = this.child;
    this.child = null;
    child?.kill();
    this.failAll(new HelperGone('keychain helper stopped'));
  }

  private once(op: KeychainOp, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
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
    if (this.spawnsLeft <= 0) throw new Error('keychain helper given up after repeated failures');
    this.spawnsLeft -= 1;
    const child = this.spawn();
    this.child = child;
    child.on('message', (msg) => {
      const p = this.pending.get(msg?.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.message));
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      this.options.log?.(`keychain helper exited with code ${code}`);
      this.failAll(new HelperGone(`keychain helper exited with code ${code}`));
    });
    return child;
  }

  private abandon(child: HelperProcess, err: HelperGone): void {
    this.child = null;
    child.kill();
    this.failAll(err);
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
