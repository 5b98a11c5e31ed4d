import type { ErrorCode } from './error-codes';
import { NEW_USER_WAY } from '../registration/messages';

/**
 * The Spanish text shown to the user for each error code. The backend sends its own message too;
 * the client falls back to these when it has none (e.g. the backend could not be reached).
 */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  BAD_REQUEST: 'La solicitud no es válida.',
  PAYLOAD_TOO_LARGE: 'La solicitud es demasiado grande.',
  VALIDATION_FAILED: 'Revise los campos marcados: hay datos que no cumplen las reglas.',
  UNAUTHENTICATED: 'Su sesión ha terminado. Ingrese nuevamente con su usuario y contraseña.',
  INVALID_CREDENTIALS: 'El ID.usuario o la contraseña no son correctos.',
  ACCOUNT_LOCKED:
    'El usuario está bloqueado durante 15 minutos por demasiados intentos fallidos. Intente más tarde.',
  ACCOUNT_DEACTIVATED:
    'Este usuario fue dado de baja y ya no puede ingresar. Para volver a usar Ecuapass, realice una nueva "Solicitud de registro para Usuario General".',
  WRONG_PASSWORD: 'La contraseña anterior no es correcta.',
  RATE_LIMITED: 'Demasiados intentos. Espere unos minutos antes de volver a intentarlo.',
  EMAIL_UNAVAILABLE: 'El correo electrónico ya está registrado por otro usuario. Ingrese otro correo.',
  VERSION_CONFLICT:
    'Los datos de registro fueron modificados en otra sesión. Recárguelos para continuar; lo que usted escribió se conserva.',
  SECURITY_CODE_INVALID: 'El código de seguridad no es correcto.',
  SECURITY_CODE_EXPIRED:
    'El código de seguridad ha expirado (validez de 15 minutos). Solicite un nuevo código de seguridad.',
  PASSWORD_TICKET_INVALID:
    'La verificación de la contraseña anterior ya no es válida. Vuelva a verificar la contraseña.',
  // Instructivo 5.5.1, Nombre de Usuario: a wholly different name is a new user.
  NAME_CHANGE_TOO_LARGE: `Solo se permite corregir apellidos o nombres mal escritos. Para cambiar completamente el nombre, ${NEW_USER_WAY}.`,
  NOT_FOUND: 'El recurso solicitado no existe.',
  INTERNAL: 'El servidor de Ecuapass tuvo un error. Intente nuevamente en unos minutos.',
  PASSWORD_CHANGE_REQUIRED:
    'Ingresó con una clave automática: debe cambiar su contraseña en "Cambio de clave obligatorio" antes de continuar.',
  PASSWORD_CHANGE_NOT_REQUIRED:
    'Esta sesión no tiene un cambio de clave pendiente. Cambie la contraseña desde "Modificar información de registro".',
  VERIFICATION_CODE_INVALID: 'El código de verificación no es correcto.',
  VERIFICATION_EXPIRED: 'El tiempo para ingresar el código de verificación terminó. Ingrese nuevamente su usuario y contraseña.',
  TWO_FACTOR_ALREADY_ENABLED: 'La verificación en dos pasos ya está activada para este usuario.',
  TWO_FACTOR_NOT_ENABLED: 'La verificación en dos pasos no está activada para este usuario.',
  BACKEND_UNREACHABLE:
    'No se pudo conectar con el servidor de Ecuapass. Revise su conexión a Internet o la configuración del proxy.',
  TIMEOUT: 'El servidor de Ecuapass no respondió a tiempo. Intente nuevamente.',
  SERVER_ERROR: 'El servidor de Ecuapass tuvo un error. Intente nuevamente en unos minutos.',
  BAD_RESPONSE:
    'El servidor respondió con datos no válidos (posiblemente una página de error de un proxy). Intente nuevamente.',
  INVALID_INPUT: 'Los datos enviados no son válidos.',
  FORBIDDEN_SENDER: 'Solicitud rechazada: no proviene de la ventana de la aplicación.',
  INSECURE_URL: 'La dirección del servidor debe usar https (http solo se permite en este mismo equipo).',
  CERTIFICATE_REFUSED:
    'El certificado del servidor de Ecuapass no es válido para este equipo, así que no se envió ningún dato. Pida a su departamento de TI que revise el certificado del servidor.',
  POLICY_INVALID:
    'La política de su organización para este equipo no es válida: la aplicación no se conectará hasta que su departamento de TI la corrija.',
  MANAGED_BY_POLICY: 'Administrado por su organización: este valor no se puede cambiar en este equipo.',
  VERIFICATION_REQUIRED: 'Ingrese el código de verificación que muestra su aplicación de autenticación.',
  UNEXPECTED: 'Ocurrió un error inesperado. Intente nuevamente.',
};

/**
 * UNAUTHENTICATED's message when the token's session was closed (in "Mi cuenta" of another session, or by a
 * password or e-mail change made there) rather than expired: the app shows it on its login screen.
 */
export const SESSION_CLOSED_MESSAGE = 'Su sesión se cerró desde otro equipo. Ingrese nuevamente con su usuario y contraseña.';
