import type { OutgoingMail } from './mailer';

/** The instructivo's subject for the security-code mail (5.5.1, "Ingrese código de seguridad"), exactly. */
export const SECURITY_CODE_SUBJECT = 'ACTIVACIÓN DE CORREO ELECTRÓNICO';
export const REGISTRATION_CHANGE_SUBJECT = 'AVISO DE MODIFICACIÓN DE REGISTRO EN ECUAPASS';
export const DEACTIVATION_SUBJECT = 'AVISO DE BAJA DE USUARIO EN ECUAPASS';
export const AUTOMATIC_KEY_SUBJECT = 'REINICIO DE CLAVE AUTOMÁTICA DE ECUAPASS';
export const AUTOMATIC_KEY_USED_SUBJECT = 'AVISO DE INGRESO CON CLAVE AUTOMÁTICA EN ECUAPASS';

const SIGNATURE = [
  'Servicio Nacional de Aduana del Ecuador (SENAE) - Ecuapass',
  'Este es un mensaje automático; por favor no lo responda.',
].join('\n');

/** Times in mails are read by people in Ecuador: local time of Guayaquil (UTC-5, no DST). */
export function ecuadorTime(at: Date): string {
  return at.toLocaleString('es-EC', { timeZone: 'America/Guayaquil', dateStyle: 'long', timeStyle: 'short' }) + ' (hora de Ecuador)';
}

/** "jperez@example.com" → "jp****@example.com": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '****';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length))}****${email.slice(at)}`;
}

export function securityCodeMail(p: { to: string; userId: string; code: string; validMinutes: number }): OutgoingMail {
  return {
    to: p.to,
    subject: SECURITY_CODE_SUBJECT,
    text: [
      'Estimado(a) usuario(a):',
      '',
      `Se solicitó registrar esta dirección como correo electrónico del usuario ${p.userId} de Ecuapass ` +
        '(Modificar información de registro para Usuario General).',
      '',
      `Código de seguridad: ${p.code}`,
      '',
      'Ingrese este código en el campo "Ingrese código de seguridad" y presione "Modificar".',
      `El código es válido durante ${p.validMinutes} minutos y se puede usar una sola vez; si solicita otro código, este deja de ser válido.`,
      'Este correo puede llegar a su bandeja de entrada o a la bandeja de correos no deseados (spam).',
      '',
      'Si usted no realizó esta solicitud, ignore este mensaje: su registro no cambiará sin este código.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}

/**
 * The notice to the PREVIOUS address after the e-mail or the password changed (docs/instructivo.md §9): says
 * what changed and when, never a secret (no password, no code), the new address masked.
 */
export function registrationChangeNotice(p: { to: string; userId: string; at: Date; newEmail?: string; passwordChanged: boolean }): OutgoingMail {
  const changes: string[] = [];
  if (p.newEmail !== undefined) changes.push(`- El correo electrónico registrado se cambió a ${maskEmail(p.newEmail)}.`);
  if (p.passwordChanged) changes.push('- La contraseña fue cambiada.');
  changes.push('- Se cerraron todas las demás sesiones abiertas de este usuario; solo sigue abierta la sesión desde la que se hizo el cambio.');
  return {
    to: p.to,
    subject: REGISTRATION_CHANGE_SUBJECT,
    text: [
      'Estimado(a) usuario(a):',
      '',
      `El ${ecuadorTime(p.at)} se modificó la información de registro del usuario ${p.userId} en Ecuapass:`,
      ...changes,
      '',
      'Si usted realizó este cambio, no necesita hacer nada más.',
      'Si usted NO lo realizó, comuníquese de inmediato con la mesa de servicios del SENAE.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}

export function deactivationNotice(p: { to: string; userId: string; at: Date; reason: string }): OutgoingMail {
  return {
    to: p.to,
    subject: DEACTIVATION_SUBJECT,
    text: [
      'Estimado(a) usuario(a):',
      '',
      `El ${ecuadorTime(p.at)} el usuario ${p.userId} fue dado de baja en Ecuapass y ya no puede ingresar al portal.`,
      `Motivo indicado: ${p.reason}`,
      '',
      'Para volver a usar Ecuapass, realice una nueva "Solicitud de registro para Usuario General".',
      'Si usted NO solicitó la baja, comuníquese de inmediato con la mesa de servicios del SENAE.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}

/** The 200 answer of POST /general-user/deactivation, shown in the client's information dialog. */
export function deactivationMessage(userId: string): string {
  return (
    `El usuario ${userId} ha sido dado de baja y ya no puede ingresar a Ecuapass. ` +
    'Para volver a usar Ecuapass, realice una nueva "Solicitud de registro para Usuario General".'
  );
}

export const NEW_DEVICE_LOGIN_SUBJECT = 'Nuevo ingreso a su cuenta';

/**
 * A login from a workstation (host name + OS, as the app describes it) this user had not used before. The
 * description is the client's own word: the mail says so, and what to do if it was not the user.
 */
export function newDeviceLoginNotice(p: { to: string; userId: string; at: Date; host: string; os: string | null; ip: string | null }): OutgoingMail {
  return {
    to: p.to,
    subject: NEW_DEVICE_LOGIN_SUBJECT,
    text: [
      'Estimado(a) usuario(a):',
      '',
      `El ${ecuadorTime(p.at)} se ingresó a Ecuapass con el usuario ${p.userId} desde un equipo que no se había usado antes con esta cuenta:`,
      `- Equipo: ${p.host}`,
      ...(p.os ? [`- Sistema operativo: ${p.os}`] : []),
      ...(p.ip ? [`- Dirección IP: ${p.ip}`] : []),
      '',
      'Si fue usted, no necesita hacer nada más.',
      'Si NO fue usted, ingrese a Ecuapass Desktop, abra "Mi cuenta" (su nombre, arriba a la derecha), cierre esa sesión en "Sesiones activas" y cambie su contraseña.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}

/** Reiniciar clave (issue 27): the automatic key, to the registered address only. */
export function automaticKeyMail(p: { to: string; userId: string; key: string; validMinutes: number }): OutgoingMail {
  return {
    to: p.to,
    subject: AUTOMATIC_KEY_SUBJECT,
    text: [
      'Estimado(a) usuario(a):',
      '',
      `Se solicitó el reinicio de clave del usuario ${p.userId} de Ecuapass ("Solicitud de reinicio de clave automática").`,
      '',
      `Clave automática: ${p.key}`,
      '',
      'Ingrese con su ID.usuario y esta clave automática en el campo "Contraseña"; a continuación deberá registrar una contraseña nueva ("Cambio de clave obligatorio").',
      `La clave automática es válida durante ${p.validMinutes} minutos y para un solo ingreso. Su contraseña actual sigue siendo válida hasta que use esta clave.`,
      '',
      'Si usted no realizó esta solicitud, ignore este mensaje: su contraseña no cambiará.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}

/** The automatic key was used: the old password no longer works and every other session ended. */
export function automaticKeyUsedNotice(p: { to: string; userId: string; at: Date }): OutgoingMail {
  return {
    to: p.to,
    subject: AUTOMATIC_KEY_USED_SUBJECT,
    text: [
      'Estimado(a) usuario(a):',
      '',
      `El ${ecuadorTime(p.at)} se ingresó a Ecuapass con una clave automática del usuario ${p.userId}.`,
      '- La contraseña anterior dejó de ser válida; se debe registrar una contraseña nueva.',
      '- Se cerraron todas las demás sesiones abiertas de este usuario.',
      '',
      'Si usted realizó este ingreso, no necesita hacer nada más.',
      'Si usted NO lo realizó, comuníquese de inmediato con la mesa de servicios del SENAE.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}
