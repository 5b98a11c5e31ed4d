import type { Clock } from './clock';
import type { Db } from './db/open-database';
import type { Authenticator } from './sessions/authenticator';
import type { SessionLimits } from './sessions/session-policy';

/** What route handlers need, built once by buildApp and passed down explicitly (no globals). */
export interface AppDeps {
  db: Db;
  clock: Clock;
  limits: SessionLimits;
  auth: Authenticator;
}
