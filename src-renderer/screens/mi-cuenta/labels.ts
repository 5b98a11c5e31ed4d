import type { ActivityEvent, AuditAction } from '../../../src-shared/contract';
import type { DeviceInfo } from '../../../src-shared/contract/device';
import { FIELD_LABELS } from '../../../src-shared/registration/changes';

/** How "Actividad de la cuenta" names each kind of event (and its filter). */
export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'session.login': 'Ingreso',
  'session.login_failed': 'Ingreso fallido',
  'session.locked': 'Bloqueo por intentos fallidos',
  'session.closed': 'Sesión cerrada',
  'registration.update': 'Modificación de registro',
  'registration.deactivate': 'Baja del usuario',
  'password_reset.requested': 'Reinicio de clave solicitado',
  'password_reset.refused': 'Reinicio de clave rechazado (datos no coinciden)',
  'password_reset.used': 'Ingreso con clave automática',
  'password_reset.completed': 'Reinicio de clave: contraseña nueva registrada',
  'two_factor.enabled': 'Verificación en dos pasos activada',
  'two_factor.disabled': 'Verificación en dos pasos desactivada',
  'two_factor.recovery_code_used': 'Verificación en dos pasos: código de recuperación usado',
  'sandbox-seed.create': 'Alta de datos de prueba',
  'sandbox-seed.update': 'Recarga de datos de prueba',
};

/** One line per event: what happened, and for a modification which fields (never their values). */
export function describeEvent(e: ActivityEvent): string {
  if (e.action === 'registration.update') {
    const parts: string[] = [];
    const others = e.fields.filter((f) => f !== 'password' && f !== 'email');
    if (others.length > 0) parts.push(`Modificación: ${others.map((f) => FIELD_LABELS[f] ?? f).join(', ')}`);
    if (e.fields.includes('email')) parts.push('Cambio de correo electrónico');
    if (e.fields.includes('password')) parts.push('Cambio de contraseña');
    return parts.length > 0 ? parts.join('; ') : ACTION_LABELS[e.action];
  }
  if (e.action === 'session.closed') {
    if (e.fields.includes('other_sessions')) return 'Se cerraron las demás sesiones';
    if (e.fields.includes('session')) return 'Sesión cerrada desde Mi cuenta';
    return 'Salida (Cerrar sesión)';
  }
  return ACTION_LABELS[e.action];
}

/** "PC-OFICINA" or "PC-OFICINA (Windows 11)"; the app's own word, shown as such. */
export function deviceLabel(device: DeviceInfo | null): string {
  if (!device?.host) return 'Desconocido';
  return device.os ? `${device.host} (${device.os})` : device.host;
}
