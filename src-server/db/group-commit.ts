import { CompiledQuery } from 'kysely';
import { isPostgres } from './dialect';
import type { Db } from './open-database';
import { runOnSqlite } from './precompiled';

/**
 * A write transaction: `work` runs with the transaction as its database and the promise settles
 * only once the transaction has committed (or failed). `work` must do nothing but database work on
 * `trx` (no mail, no hashing, no waiting on anything else): on SQLite it shares its transaction
 * with the other writes of the moment.
 *
 * SQLite (WAL, synchronous=FULL) syncs the WAL file on every COMMIT, ~250 µs on this machine's disk,
 * and the single connection does nothing else meanwhile, so one commit per request caps writes at a
 * few thousand a second whatever the rest costs (issue #15). Group commit: the writes that arrive
 * while one event-loop turn is handled run in one transaction, each inside its own SAVEPOINT, and
 * are answered after the one shared COMMIT. Durability is unchanged (every write answered is synced
 * to disk), and each write stays atomic on its own: one that fails is rolled back to its savepoint
 * and rejected with its own error, while the others commit. Should the transaction itself be lost
 * (the COMMIT fails, or an error made SQLite roll everything back, e.g. a full disk), no write of it
 * is committed and each is rejected with that error (the writes not yet run go to the next batch).
 *
 * PostgreSQL keeps one transaction per write: its server does the group commit across connections.
 */
export function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction().execute(work);
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new GroupCommit(db)));
  return batcher.run(work);
}

/** At most this many writes share one transaction (keeps a batch's latency bounded). */
export const MAX_BATCH = 64;

const batchers = new WeakMap<Db, GroupCommit>();

const SAVEPOINT = 'savepoint write_unit';
const RELEASE = 'release savepoint write_unit';
const ROLLBACK_TO = 'rollback to savepoint write_unit';

/** A statement of the batch's own (the transaction's owner runs it on the connection directly). */
async function exec(trx: Db, statement: string): Promise<void> {
  if (!runOnSqlite(trx, statement, [])) await trx.executeQuery(CompiledQuery.raw(statement));
}

interface Unit {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** The transaction is gone (SQLite rolled it back on its own): the batch cannot commit. */
class BatchLost extends Error {
  constructor(readonly reason: unknown) {
    super('the batch transaction was rolled back by the database');
  }
}

export class GroupCommit {
  private queue: Unit[] = [];
  private scheduled = false;
  private flushing = false;
  /** Batches committed (tests: several writes of one turn share one). */
  commits = 0;

  constructor(private readonly db: Db) {}

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After the poll phase: every request whose bytes arrived in this turn has queued its write.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const units = this.queue.splice(0, MAX_BATCH);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown } | undefined)[] = [];
    let lost: unknown;
    let batchLost = false;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < units.length; i++) {
          const unit = units[i] as Unit;
          await exec(trx, SAVEPOINT);
          try {
            const value = await unit.work(trx);
            await exec(trx, RELEASE);
            outcomes[i] = { ok: true, value };
          } catch (err) {
            try {
              await exec(trx, ROLLBACK_TO);
              await exec(trx, RELEASE);
            } catch {
              // No savepoint any more: SQLite rolled the whole transaction back because of `err`.
              outcomes[i] = { ok: false, err };
              throw new BatchLost(err);
            }
            outcomes[i] = { ok: false, err };
          }
        }
      });
    } catch (err) {
      batchLost = err instanceof BatchLost;
      lost = err instanceof BatchLost ? err.reason : err;
    }
    const notRun: Unit[] = [];
    if (lost === undefined) this.commits++;
    units.forEach((unit, i) => {
      const outcome = outcomes[i];
      // Not run: after a lost batch it goes to the next one; if BEGIN itself failed, it fails too.
      if (!outcome) {
        if (batchLost) notRun.push(unit);
        else unit.reject(lost);
      } else if (!outcome.ok) unit.reject(outcome.err);
      else if (lost !== undefined) unit.reject(lost);
      else unit.resolve(outcome.value);
    });
    this.queue.unshift(...notRun);
    this.flushing = false;
    if (this.queue.length > 0) this.schedule();
  }
}
