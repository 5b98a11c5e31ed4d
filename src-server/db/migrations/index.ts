import type { Migration } from 'kysely';
import * as initial from './0001-initial';
import * as generalUserChanges from './0002-general-user-changes';
import * as emailCaseInsensitive from './0003-email-case-insensitive';
import * as attemptCounters from './0004-attempt-counters';
import * as sessionDevices from './0005-session-devices';
import * as deviceTokens from './0007-device-tokens';
import * as resetAndTwoFactor from './0006-reset-and-two-factor';

/**
 * Every migration, listed in code rather than found by globbing a folder, so the compiled
 * out/server tree (and any bundle) runs them the same way. Names sort in the order they apply.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-general-user-changes': generalUserChanges,
  '0003-email-case-insensitive': emailCaseInsensitive,
  '0004-attempt-counters': attemptCounters,
  '0005-session-devices': sessionDevices,
  '0007-device-tokens': deviceTokens,
  '0006-reset-and-two-factor': resetAndTwoFactor,
};
