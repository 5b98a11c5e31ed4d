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
  /** Reiniciar clave (issue 27): how long an automatic key lives, and wrong keys that kill it. */
  automaticKeyMinutes: number;
  automaticKeyMaxTries: number;
  /** Reset requests per ID.usuario and per client address before they are refused for resetLockMinutes. */
  resetsPerUser: number;
  resetsPerAddress: number;
  resetLockMinutes: number;
  /** Every POST /password-resets answers after at least this long, so its time tells nothing. */
  resetAnswerMs: number;
  /** How long the login's "Código de verificación" step waits for its code. */
  loginChallengeMinutes: number;
}

export const DEFAULT_GENERAL_USER_LIMITS: Readonly<GeneralUserLimits> = {
  passwordTicketMinutes: 10,
  maxWrongPasswordChecks: 5,
  passwordCheckLockMinutes: 15,
  securityCodeMinutes: 15,
  securityCodeMaxTries: 5,
  securityCodesPerMinute: 1,
  securityCodesPerHour: 5,
  automaticKeyMinutes: 30,
  automaticKeyMaxTries: 5,
  resetsPerUser: 3,
  resetsPerAddress: 20,
  resetLockMinutes: 60,
  resetAnswerMs: 400,
  loginChallengeMinutes: 5,
};
