import type { ContractError } from '../../src-shared/contract';
import { ERROR_MESSAGES } from '../../src-shared/contract';

/** Said when a proxy wanted credentials and got none it accepted (cancelled, or too many wrong tries). */
export const PROXY_AUTH_MESSAGE =
  'No se pudo conectar con el servidor de Ecuapass: el proxy de su red pidió usuario y contraseña y no se ingresaron unas que acepte. Vuelva a intentarlo con el usuario y la contraseña del proxy, o consulte a su departamento de TI.';

const IT_CERT = 'No se envió ningún dato.';

const CERT_MESSAGES: Record<string, (host: string) => string> = {
  ERR_CERT_AUTHORITY_INVALID: (host) =>
    `El certificado del servidor ${host} no es de confianza: lo emitió una autoridad de certificación que este equipo no reconoce. ${IT_CERT} Pida a su departamento de TI que instale en este equipo el certificado de la autoridad de certificación de su organización, o que revise el certificado del servidor.`,
  ERR_CERT_DATE_INVALID: (host) =>
    `El certificado del servidor ${host} está vencido o todavía no es válido. ${IT_CERT} Pida a su departamento de TI que renueve el certificado del servidor, y revise que la fecha y la hora de este equipo sean correctas.`,
  ERR_CERT_COMMON_NAME_INVALID: (host) =>
    `El certificado del servidor no corresponde a la dirección ${host}: fue emitido para otro nombre. ${IT_CERT} Pida a su departamento de TI que emita un certificado para esa dirección o que le indique la dirección correcta del servidor.`,
  ERR_CERT_REVOKED: (host) =>
    `El certificado del servidor ${host} fue revocado por quien lo emitió. ${IT_CERT} Pida a su departamento de TI que instale un certificado nuevo en el servidor.`,
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: (host) =>
    `El certificado del servidor ${host} usa una firma débil que ya no se acepta. ${IT_CERT} Pida a su departamento de TI que emita un certificado con una firma actual (SHA-256 o superior).`,
  ERR_CERT_WEAK_KEY: (host) =>
    `El certificado del servidor ${host} usa una clave demasiado corta. ${IT_CERT} Pida a su departamento de TI que emita un certificado con una clave de al menos 2048 bits.`,
};

const PROXY_MESSAGES: Record<string, string> = {
  ERR_PROXY_CONNECTION_FAILED:
    'No se pudo conectar con el servidor proxy configurado. Revise el proxy en "Configuración de conexión" o consulte a su departamento de TI.',
  ERR_TUNNEL_CONNECTION_FAILED:
    'El proxy de su red no permitió la conexión con el servidor de Ecuapass. Consulte a su departamento de TI para que habilite el acceso a ese servidor.',
  ERR_PROXY_AUTH_CANCELLED: PROXY_AUTH_MESSAGE,
  ERR_PROXY_AUTH_UNSUPPORTED:
    'El proxy de su red pide un tipo de autenticación que la aplicación no admite. Consulte a su departamento de TI.',
  ERR_PROXY_AUTH_REQUESTED: PROXY_AUTH_MESSAGE,
  ERR_PAC_SCRIPT_FAILED:
    'No se pudo usar el archivo de configuración automática del proxy (PAC). Revise su dirección en "Configuración de conexión" o consulte a su departamento de TI.',
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED:
    'No se pudo obtener la configuración automática del proxy (PAC). Revise su dirección en "Configuración de conexión" o consulte a su departamento de TI.',
  ERR_PROXY_CERTIFICATE_INVALID:
    'El certificado del servidor proxy no es de confianza. Consulte a su departamento de TI.',
};

const TLS_FAILURES = new Set(['ERR_SSL_PROTOCOL_ERROR', 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'ERR_BAD_SSL_CLIENT_AUTH_CERT', 'ERR_SSL_UNRECOGNIZED_NAME_ALERT']);
const TIMEOUTS = new Set(['ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT']);

/**
 * Chromium's net error code (without `net::`) as a contract error: certificate problems name the problem and what
 * the IT department should do — there is never a way to go on anyway —, proxy problems point at the proxy.
 * null: nothing more specific to say than BACKEND_UNREACHABLE.
 */
export function netErrorToContract(netCode: string, host: string): ContractError | null {
  const cert = CERT_MESSAGES[netCode];
  if (cert) return { code: 'CERTIFICATE_REFUSED', message: cert(host) };
  if (netCode.startsWith('ERR_CERT_')) {
    return {
      code: 'CERTIFICATE_REFUSED',
      message: `El certificado del servidor ${host} no es válido (${netCode}). ${IT_CERT} Pida a su departamento de TI que revise el certificado del servidor.`,
    };
  }
  if (TLS_FAILURES.has(netCode)) {
    return {
      code: 'CERTIFICATE_REFUSED',
      message: `No se pudo establecer una conexión segura con el servidor ${host} (${netCode}). ${IT_CERT} Pida a su departamento de TI que revise la configuración TLS del servidor o del proxy.`,
    };
  }
  const proxy = PROXY_MESSAGES[netCode];
  if (proxy) return { code: 'BACKEND_UNREACHABLE', message: proxy };
  if (TIMEOUTS.has(netCode)) return { code: 'TIMEOUT', message: ERROR_MESSAGES.TIMEOUT };
  return null;
}
