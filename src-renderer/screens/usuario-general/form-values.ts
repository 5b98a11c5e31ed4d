import type { Registration } from '../../../src-shared/contract';
import { ECUADOR } from '../../../src-shared/catalog/countries';
import type { RegistrationForm } from '../../../src-shared/registration/update';

/** What the form's controls hold: strings as typed, one entry per control. */
export interface FormValues {
  name: string;
  currentPassword: string;
  newPassword: string;
  passwordConfirmation: string;
  country: string;
  province: string;
  city: string;
  phone1: string;
  phone2: string;
  carrier: string;
  mobileNumber: string;
  fax: string;
  keepEmail: 'si' | 'no';
  email: string;
  emailConfirmation: string;
  securityCode: string;
}

export type FieldName = keyof FormValues;

/** Controls in screen order: the first one in error gets the focus. */
export const FIELD_ORDER: readonly FieldName[] = [
  'name',
  'currentPassword',
  'newPassword',
  'passwordConfirmation',
  'country',
  'province',
  'city',
  'phone1',
  'phone2',
  'carrier',
  'mobileNumber',
  'fax',
  'keepEmail',
  'email',
  'emailConfirmation',
  'securityCode',
];

/**
 * Wire field paths (contract) -> form controls. Most controls carry their wire field's name; the mobile pair and the
 * password change are the exceptions.
 */
const WIRE_TO_FIELD: Readonly<Record<string, FieldName>> = {
  ...(Object.fromEntries(FIELD_ORDER.map((f) => [f, f])) as Record<FieldName, FieldName>),
  mobile: 'mobileNumber',
  'mobile.carrier': 'carrier',
  'mobile.number': 'mobileNumber',
  passwordChange: 'newPassword',
  'passwordChange.newPassword': 'newPassword',
  'passwordChange.confirmation': 'passwordConfirmation',
  'passwordChange.ticket': 'currentPassword',
};

export function fieldOfWirePath(path: string): FieldName | undefined {
  return WIRE_TO_FIELD[path];
}

/** Values that are never kept outside the form (a draft restored after a new login omits them). */
export const SECRET_FIELDS: readonly FieldName[] = ['currentPassword', 'newPassword', 'passwordConfirmation', 'securityCode'];

export function valuesFromRegistration(r: Registration): FormValues {
  return {
    name: r.name,
    currentPassword: '',
    newPassword: '',
    passwordConfirmation: '',
    country: r.country,
    province: r.province ?? '',
    city: r.city ?? '',
    phone1: r.phone1,
    phone2: r.phone2 ?? '',
    carrier: r.mobile.carrier,
    mobileNumber: r.mobile.number,
    fax: r.fax ?? '',
    // The instructivo: "El sistema tiene seleccionado de forma predeterminada la opción No", and its
    // screen shows Correo electrónico filled with the registered address, to be changed; the
    // confirmation starts empty. Untouched, that value is no change (form-rules says to choose Si).
    keepEmail: 'no',
    email: r.email,
    emailConfirmation: '',
    securityCode: '',
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const blankToUndefined = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The "Modificar" payload (bridge contract) built from the controls. */
export function payloadFromValues(v: FormValues, version: number): RegistrationForm {
  const inEcuador = v.country === ECUADOR;
  const changesPassword = v.newPassword !== '' || v.passwordConfirmation !== '';
  const payload: Record<string, unknown> = {
    version,
    name: v.name,
    country: v.country,
    province: inEcuador ? blankToNull(v.province) : null,
    city: inEcuador ? blankToNull(v.city) : null,
    phone1: v.phone1.trim(),
    phone2: blankToNull(v.phone2),
    mobile: { carrier: blankToUndefined(v.carrier), number: v.mobileNumber.trim() },
    fax: blankToNull(v.fax),
    keepEmail: v.keepEmail === 'si',
  };
  if (v.keepEmail === 'no') {
    payload.email = v.email;
    payload.emailConfirmation = v.emailConfirmation;
    payload.securityCode = v.securityCode;
  }
  if (changesPassword) payload.passwordChange = { newPassword: v.newPassword, confirmation: v.passwordConfirmation };
  return payload as RegistrationForm;
}
