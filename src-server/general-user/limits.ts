/**
 * The time and count limits of the self-service screen (docs/instructivo.md §9). The defaults are the product's;
 * tests may pass others through buildApp, but they normally move the fake clock instead.
 */
export interface GeneralUserLimits {
  /** How long a "Verificar contraseña" ticket lives. */
  passwordTicketMinutes: number;
  /** Wrong current passwords in a row before "Verificar contraseña" is locked. */
  maxWrongPasswordChecks: number;
  passwordCheckLockMinutes: number;
  /** How long an e-mail security code lives. */
  securityCodeMinutes: number;
  /** Wrong tries that kill a security code. */
  securityCodeMaxTries: number;
  /** Codes a user may be sent within one minute, and within one hour. */
  securityCodesPerMinute: number;
  securityCodesPerHour: number;
}

export const DEFAULT_GENERAL_USER_LIMITS: Readonly<GeneralUserLimits> = {
  passwordTicketMinutes: 10,
  maxWrongPasswordChecks: 5,
  passwordCheckLockMinutes: 15,
  securityCodeMinutes: 15,
  securityCodeMaxTries: 5,
  securityCodesPerMinute: 1,
  securityCodesPerHour: 5,
};
