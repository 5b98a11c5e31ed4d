import type { Generated, Selectable } from 'kysely';

/**
 * Table types for Kysely. Instants are ISO 8601 strings (TEXT), which sort correctly and read the
 * same in SQLite and PostgreSQL; the code compares them as Dates, never in SQL functions.
 */
export interface UsersTable {
  user_id: string;
  id_document: string;
  name: string;
  country: string;
  province: string | null;
  city: string | null;
  phone1: string;
  phone2: string | null;
  mobile_carrier: string;
  mobile_number: string;
  fax: string | null;
  /** Always lower case, so the unique index makes addresses unique regardless of case. */
  email: string;
  password_hash: string;
  version: number;
  deactivated_at: string | null;
  deactivation_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 hex of the bearer token: a copy of the database does not hand out live tokens. */
  token_hash: string;
  /** Public id (random UUID) that "Mi cuenta" shows and DELETE /sessions/{id} takes; never the token or its hash. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  /** 'self' (logout, lock) or 'other' (closed from another session, a password / e-mail change there); null before migration 0005. */
  revoked_by: 'self' | 'other' | null;
  /** What the app said in X-Ecuapass-Device at login (informational only, never trusted), or null. */
  device_host: string | null;
  device_os: string | null;
  device_app: string | null;
  /** The client's address as the server saw it at login. */
  ip: string | null;
  /** 1: opened with an automatic key; only the forced password change works (issue 27). */
  must_change_password: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: string;
  at: string;
  action: string;
  /** JSON array of the names of the changed fields; never values, never secrets. */
  fields: string;
  /** JSON {host, os, app} of the X-Ecuapass-Device header of the request, or null. */
  device: string | null;
  ip: string | null;
}

export interface PasswordTicketsTable {
  /** sha256 hex of the ticket handed out by "Verificar contraseña". */
  ticket_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  spent_at: string | null;
}

export interface EmailSecurityCodesTable {
  /** One live code per user: requesting a new one replaces the row. */
  user_id: string;
  /** The address the code was sent to (lower case); the code works for that address only. */
  email: string;
  /** Salted scrypt of user, address and code; never the code itself. */
  code_hash: string;
  created_at: string;
  expires_at: string;
  failed_tries: number;
  spent_at: string | null;
}

export interface SecurityCodeSendsTable {
  id: Generated<number>;
  user_id: string;
  sent_at: string;
}

/**
 * Attempt limits (login, "Verificar contraseña"): one row per scope and subject, counted with a
 * single conditional upsert before the password is checked (security/attempt-lock.ts).
 */
export interface AttemptCountersTable {
  scope: string;
  /** Login: the normalised ID.usuario as typed (known or not); verify: the session's user id. */
  subject: string;
  tries: number;
  locked_until: string | null;
}

/** Trusted-device tokens (security/device-token.ts): only the token's sha256 is kept. */
export interface DeviceTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface SandboxMailboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text: string;
  sent_at: string;
}

/** One live automatic key per user (Reiniciar clave): salted scrypt of user and key, never the key. */
export interface PasswordResetsTable {
  user_id: string;
  key_hash: string;
  created_at: string;
  expires_at: string;
  failed_tries: number;
  spent_at: string | null;
}

/** Two-step verification (TOTP, RFC 6238): the secret in force and a pending enrolment. */
export interface TwoFactorTable {
  user_id: string;
  secret: string | null;
  enabled_at: string | null;
  pending_secret: string | null;
  pending_created_at: string | null;
  last_step: number | null;
}

/** sha256 of user and recovery code (80 random bits); each used once. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface LoginChallengesTable {
  /** sha256 hex of the challenge handed out by POST /sessions. */
  challenge_hash: string;
  user_id: string;
  /** The login counter's scope and subject the password try used: wrong codes count there too. */
  counter_scope: 'login' | 'device';
  subject: string;
  must_change_password: number;
  created_at: string;
  expires_at: string;
  spent_at: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  password_tickets: PasswordTicketsTable;
  email_security_codes: EmailSecurityCodesTable;
  security_code_sends: SecurityCodeSendsTable;
  sandbox_mailbox: SandboxMailboxTable;
  attempt_counters: AttemptCountersTable;
  device_tokens: DeviceTokensTable;
  password_resets: PasswordResetsTable;
  two_factor: TwoFactorTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type EmailSecurityCodeRow = Selectable<EmailSecurityCodesTable>;
export type PasswordResetRow = Selectable<PasswordResetsTable>;
export type LoginChallengeRow = Selectable<LoginChallengesTable>;
