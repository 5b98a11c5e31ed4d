/**
 * A value that is there now (SQLite: better-sqlite3 runs a statement to its end synchronously) or
 * later (PostgreSQL). The authenticated hot path keeps the SQLite case synchronous: each promise and
 * microtask of an `await` on a value that is already there was measurable per request (issue #15).
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `f(value)`, now if the value is there, else once it is. */
export function mapMaybe<T, U>(value: MaybePromise<T>, f: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(f) : f(value);
}
