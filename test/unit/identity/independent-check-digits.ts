// Independent re-implementations of the check-digit rules, so the identity tests do not trust the code under test.

/** Modulo 10 (cédula): coefficients 2,1,2,1,...; products > 9 minus 9; check = (10 − sum % 10) % 10. */
export function withCedulaCheckDigit(firstNine: string): string {
  const sum = [...firstNine].reduce((acc, ch, i) => {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (p > 9 ? p - 9 : p);
  }, 0);
  return firstNine + String((10 - (sum % 10)) % 10);
}

/** Modulo 11: 11 − sum % 11, 11 → 0, 10 → none (null). */
export function mod11(digits: string, coefficients: number[]): number | null {
  const sum = coefficients.reduce((acc, c, i) => acc + c * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? null : check;
}

export const PUBLIC_COEFFICIENTS = [3, 2, 7, 6, 5, 4, 3, 2];
export const PRIVATE_COEFFICIENTS = [4, 3, 2, 7, 6, 5, 4, 3, 2];
