/**
 * Ecuadorian cédula de identidad (docs/architecture.md §9): 10 digits, province 01–24 or 30, third digit 0–5
 * (natural persons), and a modulo-10 check digit.
 */

/** Province codes a cédula may start with: the 24 provinces, and 30 for Ecuadorians registered abroad. */
export function isIdProvinceCode(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return (n >= 1 && n <= 24) || n === 30;
}

/**
 * The modulo-10 check digit over the first nine digits (coefficients 2,1,2,1,...; a product above 9
 * counts as product − 9). Exported so RUC checks and tests compute it the same way.
 */
export function cedulaCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(firstNine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCedula(value: string): boolean {
  // ASCII digits only: \d without the u flag does not match other scripts' digits.
  if (!/^\d{10}$/.test(value)) return false;
  if (!isIdProvinceCode(value.slice(0, 2))) return false;
  // Third digit 6 and 9 belong to companies' RUCs, 7 and 8 are unassigned: not a person's cédula.
  if (Number(value[2]) > 5) return false;
  return cedulaCheckDigit(value.slice(0, 9)) === Number(value[9]);
}
