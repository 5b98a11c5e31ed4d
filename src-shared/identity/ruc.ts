import { isIdProvinceCode, isValidCedula } from './cedula';

/**
 * Ecuadorian RUC (Registro Único de Contribuyentes, docs/architecture.md §9): 13 digits. The third digit says who
 * holds it: 0–5 a natural person (a cédula + establishment), 6 a public entity, 9 a private company.
 */
export type RucKind = 'natural' | 'public' | 'private' | 'unknown';

export interface RucCheck {
  valid: boolean;
  kind: RucKind;
  /** Set when the structure is right but the company's modulo-11 digit does not match. */
  warning?: string;
}

export const RUC_WARNING = {
  public: 'El dígito verificador del RUC de entidad pública no coincide (módulo 11). Verifique el número con el SRI.',
  private: 'El dígito verificador del RUC de sociedad privada no coincide (módulo 11). Verifique el número con el SRI.',
} as const;

const PUBLIC_COEFFICIENTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const PRIVATE_COEFFICIENTS = [4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * Modulo-11 check digit: 11 − (weighted sum mod 11), where 11 means 0. A result of 10 has no digit,
 * so it returns null and no number can match.
 */
export function modulo11CheckDigit(digits: string, coefficients: readonly number[]): number | null {
  let sum = 0;
  coefficients.forEach((c, i) => {
    sum += Number(digits[i]) * c;
  });
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

function kindOf(thirdDigit: number): RucKind {
  if (thirdDigit <= 5) return 'natural';
  if (thirdDigit === 6) return 'public';
  if (thirdDigit === 9) return 'private';
  return 'unknown';
}

export function checkRuc(value: string): RucCheck {
  if (!/^\d{13}$/.test(value)) return { valid: false, kind: 'unknown' };
  const kind = kindOf(Number(value[2]));
  const structureOk = isIdProvinceCode(value.slice(0, 2)) && value.slice(10) !== '000';
  if (!structureOk || kind === 'unknown') return { valid: false, kind };

  if (kind === 'natural') return { valid: isValidCedula(value.slice(0, 10)), kind };

  // Company check digits only warn: the SRI has issued real company RUCs that fail them, and refusing
  // those would lock out legitimate users.
  const expected =
    kind === 'public'
      ? modulo11CheckDigit(value.slice(0, 8), PUBLIC_COEFFICIENTS)
      : modulo11CheckDigit(value.slice(0, 9), PRIVATE_COEFFICIENTS);
  const actual = Number(value[kind === 'public' ? 8 : 9]);
  return expected === actual ? { valid: true, kind } : { valid: true, kind, warning: RUC_WARNING[kind] };
}
