/**
 * Every kind of event the backend writes to a user's audit trail, in one place: the server writes these names and
 * "Actividad de la cuenta" shows and filters by them. An event records which fields changed, never their values,
 * and never a password, code, key or token.
 */
export const AUDIT_ACTIONS = [
  'session.login',
  'session.login_failed',
  'session.locked',
  'session.closed',
  'registration.update',
  'registration.deactivate',
  'password_reset.requested',
  'password_reset.used',
  'password_reset.refused',
  'password_reset.completed',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.recovery_code_used',
  'sandbox-seed.create',
  'sandbox-seed.update',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
