/**
 * Spanish messages the backend sends with a contract code when the code's generic text
 * (ERROR_MESSAGES) would not tell the user what to do.
 */
const minutes = (n: number) => `${n} ${n === 1 ? 'minuto' : 'minutos'}`;

export const SERVER_MSG = {
  /** With the configured lock (GeneralUserLimits.passwordCheckLockMinutes), never a fixed number. */
  passwordCheckLocked: (lockMinutes: number) =>
    `La verificación de la contraseña está bloqueada durante ${minutes(lockMinutes)} por demasiados intentos fallidos. Intente más tarde.`,
  /** With the configured validity (GeneralUserLimits.securityCodeMinutes). */
  securityCodeExpired: (validMinutes: number) =>
    `El código de seguridad ha expirado (validez de ${minutes(validMinutes)}). Solicite un nuevo código de seguridad.`,
  securityCodeTooSoon: 'Ya se envió un código de seguridad hace menos de un minuto. Espere un momento antes de solicitar otro.',
  securityCodeHourlyLimit:
    'Se alcanzó el máximo de códigos de seguridad por hora. Espere antes de solicitar otro o use el último código recibido.',
  databaseUnavailable: 'El servicio de Ecuapass no está disponible en este momento. Intente nuevamente en unos minutos.',
  securityCodeMailFailed:
    'No se pudo enviar el correo electrónico con el código de seguridad. Intente nuevamente en unos minutos.',
  /** "Desactivar" of two-step verification: the password field is named Contraseña there. */
  wrongPassword: 'La contraseña no es correcta.',
} as const;
