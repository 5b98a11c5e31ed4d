import { DRAFT_FIELDS, type Draft, type DraftValues } from '../../../src-shared/contract';
import { FIELD_ORDER, type FieldName, type FormValues } from './form-values';

/** The form's values that may be kept in a draft: never a password or the security code. */
export function draftValuesOf(v: FormValues): DraftValues {
  return Object.fromEntries(DRAFT_FIELDS.map((f) => [f, v[f]])) as unknown as DraftValues;
}

export function hasChanges(values: FormValues, stored: FormValues): boolean {
  return FIELD_ORDER.some((f) => values[f] !== stored[f]);
}

/** Spanish labels of the draft's fields, to name what changed. */
export const FIELD_LABELS: Readonly<Record<keyof DraftValues, string>> = {
  name: 'Nombre de Usuario',
  country: 'País',
  province: 'Provincia',
  city: 'Ciudad',
  phone1: 'Teléfono1',
  phone2: 'Teléfono2',
  carrier: 'Operador',
  mobileNumber: 'Celular',
  fax: 'Fax',
  keepEmail: 'Desea mantener el mismo correo electrónico',
  email: 'Correo electrónico',
  emailConfirmation: 'Confirmación de correo electrónico',
};

/**
 * What "Restaurar" puts in the form: the fields the user typed (the draft's value differs from the
 * stored value it was typed over), and what is stored now everywhere else. Same version: nothing
 * named. The registration changed on the server meanwhile: like the VERSION_CONFLICT dialog, the
 * server's values with the user's typed changes on top, and the fields the server changed named.
 * Taking the stored value for an untouched field (rather than the draft's copy of it) also keeps a
 * draft written before Correo electrónico was prefilled (its base holds it empty) from emptying it.
 */
export function restoredValues(
  draft: Draft,
  current: FormValues,
  currentVersion: number,
): { values: FormValues; serverChanged: FieldName[] } {
  const values = { ...current } as Record<string, string>;
  const serverChanged: FieldName[] = [];
  for (const f of DRAFT_FIELDS) {
    if (draft.values[f] !== draft.base[f]) values[f] = draft.values[f];
    if (draft.version !== currentVersion && draft.base[f] !== current[f]) serverChanged.push(f);
  }
  return { values: values as unknown as FormValues, serverChanged };
}
