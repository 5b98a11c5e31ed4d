import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../http/app-error';

/**
 * The budget for password work (issue #11): every login and "Verificar contraseña" costs one scrypt
 * (~100 ms of a core). Without a budget, 20 clients guessing made a real user's login 10× slower.
 *
 * - Per source (client address): a token bucket (`perSourceBurst`, refilled `perSourcePerMinute`)
 *   and at most `perSourceInFlight` checks at once. Beyond it: 429 RATE_LIMITED with Retry-After,
 *   answered at once, without hashing.
 * - Global: at most `concurrency` checks run at once (one core is left to the event loop, so
 *   /health and the other requests keep their latency) and at most `queueMax` wait. The next check
 *   to run is the waiting one whose source has asked for the least password work lately, and when the
 *   queue is full the check of the busiest source is shed (429): a flood waits behind itself,
 *   while a login from a quiet source goes next.
 *
 * This state is per process on purpose: it protects this process's CPU. The lockouts themselves
 * (rules) live in the database (attempt-lock.ts), shared by every instance.
 */
export interface PasswordWorkLimits {
  perSourceBurst: number;
  perSourcePerMinute: number;
  perSourceInFlight: number;
  concurrency: number;
  queueMax: number;
  /**
   * How long a refusal is held before it is sent. A client that waits for each answer (every
   * script that loops over logins) is slowed to one try per `refusalDelayMs`, so refusing it costs
   * almost no CPU either; holding an answer costs a timer, not work.
   */
  refusalDelayMs: number;
}

export function defaultPasswordWorkLimits(cores: number = os.availableParallelism()): PasswordWorkLimits {
  const concurrency = Math.max(1, cores - 1);
  return { perSourceBurst: 30, perSourcePerMinute: 30, perSourceInFlight: 8, concurrency, queueMax: concurrency * 16, refusalDelayMs: 1_000 };
}

export const PASSWORD_WORK_MSG = (seconds: number) =>
  `Hay demasiados intentos de contraseña desde su equipo o su red. Espere ${seconds} segundo${seconds === 1 ? '' : 's'} y vuelva a intentarlo.`;

const HALF_LIFE_MS = 30_000;
const SHED_RETRY_SECONDS = 2;

interface SourceState {
  tokens: number;
  refilledAt: number;
  inFlight: number;
  /** Password requests lately (refused ones included), decaying with HALF_LIFE_MS: who is asking the most. */
  recentWork: number;
  workAt: number;
}

interface Waiting {
  source: string;
  state: SourceState;
  start: () => void;
  shed: (error: AppError) => void;
}

export function rateLimitedError(seconds: number): AppError {
  return new AppError('RATE_LIMITED', undefined, PASSWORD_WORK_MSG(seconds), undefined, { 'retry-after': String(seconds) });
}

export class PasswordWorkBudget {
  private readonly sources = new Map<string, SourceState>();
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private admissions = 0;

  constructor(
    readonly limits: PasswordWorkLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `job` (one password check and its bookkeeping) within the budget, or throws 429 without running it. */
  async run<T>(source: string, job: () => Promise<T>): Promise<T> {
    let state: SourceState;
    try {
      state = this.admit(source);
    } catch (refusal) {
      return this.refuse(refusal);
    }
    state.inFlight++;
    try {
      await this.slot(source, state).catch((refusal: unknown) => this.refuse(refusal));
      try {
        return await job();
      } finally {
        this.running--;
        this.startNext();
      }
    } finally {
      state.inFlight--;
      this.forgetIdle(source, state);
    }
  }

  /**
   * A refusal decided before any password work (a locked ID): held like the budget's own, so a client looping on
   * locked tries is slowed to one a `refusalDelayMs` too, though it spends nobody's budget.
   */
  hold(refusal: unknown): Promise<never> {
    return this.refuse(refusal);
  }

  private async refuse(refusal: unknown): Promise<never> {
    if (this.limits.refusalDelayMs > 0) await sleep(this.limits.refusalDelayMs);
    throw refusal;
  }

  /** Queued and running checks, for the tests and the log. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private admit(source: string): SourceState {
    const t = this.now();
    if (++this.admissions % 1_000 === 0) for (const [s, st] of this.sources) this.forgetIdle(s, st);
    const state = this.sources.get(source) ?? { tokens: this.limits.perSourceBurst, refilledAt: t, inFlight: 0, recentWork: 0, workAt: t };
    this.sources.set(source, state);
    const perMs = this.limits.perSourcePerMinute / 60_000;
    state.tokens = Math.min(this.limits.perSourceBurst, state.tokens + (t - state.refilledAt) * perMs);
    state.refilledAt = t;
    state.recentWork = this.work(state) + 1;
    state.workAt = t;
    if (state.tokens < 1) throw rateLimitedError(Math.max(1, Math.ceil((1 - state.tokens) / perMs / 1000)));
    if (state.inFlight >= this.limits.perSourceInFlight) throw rateLimitedError(SHED_RETRY_SECONDS);
    state.tokens -= 1;
    return state;
  }

  private slot(source: string, state: SourceState): Promise<void> {
    if (this.running < this.limits.concurrency && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: Waiting = { source, state, start: resolve, shed: reject };
      if (this.waiting.length >= this.limits.queueMax) {
        const busiest = this.pick((a, b) => this.work(a.state) > this.work(b.state));
        // Same source: its own newest check goes (work decays with time, so do not compare it with itself).
        if (!busiest || busiest.source === source || this.work(busiest.state) <= this.work(state)) {
          reject(rateLimitedError(SHED_RETRY_SECONDS));
          return;
        }
        this.waiting.splice(this.waiting.indexOf(busiest), 1);
        busiest.shed(rateLimitedError(SHED_RETRY_SECONDS));
      }
      this.waiting.push(entry);
    });
  }

  private startNext(): void {
    while (this.running < this.limits.concurrency && this.waiting.length > 0) {
      const next = this.pick((a, b) => this.work(a.state) < this.work(b.state)) as Waiting;
      this.waiting.splice(this.waiting.indexOf(next), 1);
      this.running++;
      next.start();
    }
  }

  /** The first waiting entry that beats every other by `better` (so ties go to the oldest). */
  private pick(better: (a: Waiting, b: Waiting) => boolean): Waiting | undefined {
    let best: Waiting | undefined;
    for (const w of this.waiting) if (!best || better(w, best)) best = w;
    return best;
  }

  private work(state: SourceState): number {
    return state.recentWork * 2 ** (-(this.now() - state.workAt) / HALF_LIFE_MS);
  }

  /** A source with a full bucket and nothing going on holds no information: drop it (memory stays bounded by active sources). */
  private forgetIdle(source: string, state: SourceState): void {
    if (state.inFlight > 0) return;
    const full = state.tokens + (this.now() - state.refilledAt) * (this.limits.perSourcePerMinute / 60_000) >= this.limits.perSourceBurst;
    if (full && this.work(state) < 0.01) this.sources.delete(source);
  }
}
