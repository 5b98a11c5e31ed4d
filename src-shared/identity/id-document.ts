import { isValidCedula } from './cedula';
import { checkRuc, type RucKind } from './ruc';

/**
 * What "Doc. Identificación" holds, for display: a cédula (10 digits), a RUC (13 digits) or another
 * document such as a passport, whose format varies by country and has no check digit we can verify.
 */
export type IdDocumentKind = 'cedula' | 'ruc' | 'other';

export interface IdDocumentDescription {
  kind: IdDocumentKind;
  /** Spanish name of the document type. */
  label: string;
  valid: boolean;
  /** Only for RUCs. */
  rucKind?: RucKind;
  /** Spanish note: why it is not valid, or the RUC's modulo-11 warning. */
  message?: string;
}

export function describeIdDocument(value: string): IdDocumentDescription {
  // Stored and typed values may carry stray spaces; they are not part of the number.
  const v = value.trim();
  if (/^\d{10}$/.test(v)) {
    const valid = isValidCedula(v);
    return valid
      ? { kind: 'cedula', label: 'Cédula', valid }
      : { kind: 'cedula', label: 'Cédula', valid, message: 'El número de cédula no es válido.' };
  }
  if (/^\d{13}$/.test(v)) {
    const ruc = checkRuc(v);
    const out: IdDocumentDescription = { kind: 'ruc', label: 'RUC', valid: ruc.valid, rucKind: ruc.kind };
    if (!ruc.valid) out.message = 'El número de RUC no es válido.';
    else if (ruc.warning) out.message = ruc.warning;
    return out;
  }
  return v === ''
    ? { kind: 'other', label: 'Pasaporte u otro documento', valid: false, message: 'Este campo es obligatorio.' }
    : { kind: 'other', label: 'Pasaporte u otro documento', valid: true };
}
