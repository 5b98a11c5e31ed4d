import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  failed_logins: number;
  locked_until: string | null;
  deactivated_at: string | null;
  deactivation_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 hex of the bearer token: a copy of the database does not hand out live tokens. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: string;
  at: string;
  action: string;
  /** JSON array of the names of the changed fields; never values, never secrets. */
  fields: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
