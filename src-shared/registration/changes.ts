import { countryName } from '../catalog/countries';
import { findCanton, findProvince } from '../catalog/ecuador-divisions';
import { MOBILE_CARRIERS } from '../catalog/mobile-carriers';

/**
 * "Resumen de cambios" (issue 28): each field of a registration that differs, old → new, as the user reads it (the
 * form's labels; País, Provincia, Ciudad and Operador by name). Used by the confirmation dialog before "Modificar"
 * and by the constancia after it. A password is never a value here: it is only said to change.
 */
export interface ComparableRegistration {
  name: string;
  country: string;
  province: string | null;
  city: string | null;
  phone1: string;
  phone2: string | null;
  mobile: { carrier: string; number: string };
  fax: string | null;
  email: string;
}

export interface FieldChange {
  /** The wire name (as in the audit trail). */
  field: string;
  /** The form's label. */
  label: string;
  from: string;
  to: string;
}

export interface ChangeSummary {
  changes: FieldChange[];
  passwordChanged: boolean;
}

/** What an empty optional field shows. */
export const EMPTY_VALUE = '(vacío)';

const carrierLabel = (code: string) => MOBILE_CARRIERS.find((c) => c.code === code)?.label ?? code;
const shown = (value: string | null, name?: (v: string) => string | undefined) =>
  value === null || value.trim() === '' ? EMPTY_VALUE : (name?.(value) ?? value);

const FIELDS: readonly { field: string; label: string; read: (r: ComparableRegistration) => string | null; name?: (v: string) => string | undefined }[] = [
  { field: 'name', label: 'Nombre de Usuario', read: (r) => r.name },
  { field: 'country', label: 'País', read: (r) => r.country, name: countryName },
  { field: 'province', label: 'Provincia', read: (r) => r.province, name: (v) => findProvince(v)?.name },
  { field: 'city', label: 'Ciudad', read: (r) => r.city, name: (v) => findCanton(v)?.name },
  { field: 'phone1', label: 'Teléfono1', read: (r) => r.phone1 },
  { field: 'phone2', label: 'Teléfono2', read: (r) => r.phone2 },
  { field: 'mobile.carrier', label: 'Operador', read: (r) => r.mobile.carrier, name: carrierLabel },
  { field: 'mobile.number', label: 'Celular', read: (r) => r.mobile.number },
  { field: 'fax', label: 'Fax', read: (r) => r.fax },
  { field: 'email', label: 'Correo electrónico', read: (r) => r.email.toLowerCase() },
];

/** The form's label of each wire field name (the audit trail's names), the password included. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(FIELDS.map((f) => [f.field, f.label])),
  password: 'Contraseña',
};

export function registrationChanges(before: ComparableRegistration, after: ComparableRegistration, passwordChanged: boolean): ChangeSummary {
  const changes: FieldChange[] = [];
  for (const f of FIELDS) {
    const from = f.read(before);
    const to = f.read(after);
    if ((from ?? '') === (to ?? '')) continue;
    changes.push({ field: f.field, label: f.label, from: shown(from, f.name), to: shown(to, f.name) });
  }
  return { changes, passwordChanged };
}
