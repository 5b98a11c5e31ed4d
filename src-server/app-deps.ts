import type { Clock } from './clock';
import type { Db } from './db/open-database';
import type { GeneralUserLimits } from './general-user/limits';
import type { Mailer } from './mail/mailer';
import type { PasswordWorkBudget } from './security/password-work-budget';
import type { Authenticator } from './sessions/authenticator';
import type { SessionLimits } from './sessions/session-policy';

/** What route handlers need, built once by buildApp and passed down explicitly (no globals). */
export interface AppDeps {
  db: Db;
  clock: Clock;
  sessionLimits: SessionLimits;
  generalUserLimits: GeneralUserLimits;
  auth: Authenticator;
  mailer: Mailer;
  /** Shared by login and "Verificar contraseña": the CPU budget for scrypt. */
  passwordWork: PasswordWorkBudget;
  /** The HMAC key of trusted-device tokens (DEVICE_TOKEN_SECRET; security/device-token.ts). */
  deviceTokenSecret: string;
}
