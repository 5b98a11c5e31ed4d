/** A sandbox seed file that cannot be used: main prints the message (no stack trace) and exits 1. */
export class SeedError extends Error {
  override name = 'SeedError';
}
