import type { AttemptPolicy } from '../security/attempt-lock';

/** Login lockout (docs/instructivo.md §9): this many failures in a row lock the ID for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const LOGIN_ATTEMPTS: Readonly<AttemptPolicy> = { maxTries: MAX_FAILED_LOGINS, lockMinutes: LOCK_MINUTES };
