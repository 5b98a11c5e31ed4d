/**
 * The way to another ID.usuario or a wholly different name (instructivo 5.5.1): dar de baja this user,
 * then register anew. The instructivo says "ver el punto 5.7" there, but dar de baja is its 5.8.
 * Used by the ID.usuario hint and by NAME_CHANGE_TOO_LARGE, so both name the same way.
 */
export const NEW_USER_WAY =
  'dé de baja a este usuario con el botón "Dar de baja", al pie de esta pantalla (numeral 5.8 del instructivo), ' +
  'y luego cree el nuevo usuario con la opción "Solicitud de registro para Usuario General"';

/**
 * Spanish messages of the registration form's rules (docs/instructivo.md names the instructivo's
 * line behind each). One place, used by every layer.
 */
export const MSG = {
  required: 'Este campo es obligatorio.',
  readOnly: 'Este campo no se puede modificar.',
  /** Under the read-only ID.usuario (instructivo 5.5.1: "El sistema no permite corregir este campo"). */
  userIdFixed: `El ID.usuario no se puede corregir. Para cambiarlo, ${NEW_USER_WAY}.`,
  unknownField: 'Campo no permitido.',
  invalidType: 'Valor no válido.',
  nameLength: 'El Nombre de Usuario debe tener entre 3 y 100 caracteres.',
  nameChars:
    'El Nombre de Usuario solo admite letras (con tildes), espacios, apóstrofo, guion y punto.',
  countryInvalid: 'Seleccione un País de la lista.',
  provinceRequired: 'Seleccione la Provincia (obligatoria cuando el País es Ecuador).',
  provinceInvalid: 'Seleccione una Provincia de la lista.',
  provinceOutsideEcuador: 'La Provincia solo se registra cuando el País es Ecuador.',
  cityRequired: 'Seleccione la Ciudad (obligatoria cuando el País es Ecuador).',
  cityInvalid: 'La Ciudad no pertenece a la Provincia elegida.',
  cityOutsideEcuador: 'La Ciudad solo se registra cuando el País es Ecuador.',
  phoneDigits: 'Solo se permiten números (hasta 14 dígitos), sin espacios ni guiones.',
  phoneLeadingZero: 'Debe empezar con 0 e incluir el código de área (formato 0XXXXXXXX).',
  phoneEcuador:
    'En Ecuador el teléfono tiene 9 dígitos: 0, el código de área (2 a 7) y 7 dígitos (formato 0XXXXXXXX).',
  mobileDigits: 'Solo se permiten números (hasta 14 dígitos), sin espacios ni guiones.',
  mobileLeadingZero: 'El número de celular debe empezar con 0.',
  mobileEcuador: 'En Ecuador el celular tiene 10 dígitos en formato 09XXXXXXXX.',
  carrierInvalid: 'Seleccione el Operador de la lista.',
  faxDigits: 'El Fax solo admite números (hasta 14 dígitos).',
  emailInvalid: 'Ingrese un correo electrónico válido (por ejemplo, nombre@dominio.com).',
  emailMismatch: 'La Confirmación de correo electrónico no coincide con el Correo electrónico.',
  emailNotVerified: 'Verifique la disponibilidad del correo electrónico antes de continuar.',
  emailSameAsCurrent:
    'Es el correo que ya tiene registrado. Elija "Si" en "Desea mantener el mismo correo electrónico".',
  securityCodeRequired: 'Ingrese el código de seguridad enviado a su nuevo correo electrónico.',
  securityCodeFormat: 'El código de seguridad tiene 8 letras y números.',
  passwordLength: 'La contraseña debe tener entre 8 y 64 caracteres.',
  passwordUpper: 'La contraseña debe incluir al menos una letra mayúscula.',
  passwordLower: 'La contraseña debe incluir al menos una letra minúscula.',
  passwordDigit: 'La contraseña debe incluir al menos un número.',
  passwordSymbol: 'La contraseña debe incluir al menos un símbolo (por ejemplo ! # $ % & * -).',
  passwordContainsUserId: 'La contraseña no puede contener el ID.usuario.',
  passwordSameAsCurrent: 'La nueva contraseña debe ser distinta de la contraseña anterior.',
  passwordMismatch: 'La Confirmación de contraseña no coincide con la Contraseña.',
  passwordNotVerified: 'Primero verifique la Contraseña anterior con el botón "Verificar contraseña".',
  reasonLength: 'El motivo debe tener entre 10 y 500 caracteres.',
} as const;
