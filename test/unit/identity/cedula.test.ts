import { describe, it, expect } from 'vitest';
import { cedulaCheckDigit, isValidCedula } from '../../../src-shared/identity';
import { withCedulaCheckDigit as withCheckDigit } from './independent-check-digits';

/** A wrong check digit for a valid number: the next digit round. */
function breakCheckDigit(valid: string): string {
  return valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10);
}

// Literal numbers, check digits worked by hand (products of d1..d9 by 2,1,2,1,2,1,2,1,2).
const KNOWN_VALID: [string, string][] = [
  // 1·2=2, 7, 1·2=2, 0, 0, 3, 4·2=8, 0, 6·2=12→3  → sum 25 → (10−5)%10 = 5
  ['1710034065', 'Pichincha'],
  // 0, 9, 2·2=4, 6, 6·2=12→3, 8, 7·2=14→5, 8, 5·2=10→1 → sum 44 → 6
  ['0926687856', 'Guayas'],
  // 3·2=6, 0, 1·2=2, 2, 3·2=6, 4, 5·2=10→1, 6, 7·2=14→5 → sum 32 → 8
  ['3012345678', 'registered abroad (30)'],
  // 0, 1, 2·2=4, 5, 0, 0, 0, 0, 0 → sum 10 → (10−0)%10 = 0: check digit 0
  ['0125000000', 'check digit 0'],
  // 2·2=4, 4, 0… → sum 8 → 2
  ['2400000002', 'Santa Elena (24)'],
  // 0, 1, 5·2=10→1, 0… → sum 2 → 8
  ['0150000008', 'third digit 5'],
];

describe('isValidCedula', () => {
  it.each(KNOWN_VALID)('accepts %s (%s)', (value) => {
    expect(isValidCedula(value)).toBe(true);
  });

  it('accepts a generated number for every province and third digit 0–5', () => {
    const provinces = [...Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, '0')), '30'];
    for (const province of provinces) {
      for (let third = 0; third <= 5; third++) {
        const value = withCheckDigit(`${province}${third}123456`);
        expect(isValidCedula(value), value).toBe(true);
        expect(isValidCedula(breakCheckDigit(value)), breakCheckDigit(value)).toBe(false);
      }
    }
  });

  it('computes the same check digit as the test helper', () => {
    for (const [value] of KNOWN_VALID) expect(cedulaCheckDigit(value.slice(0, 9))).toBe(Number(value[9]));
  });

  it.each<[string, string]>([
    ['1710034066', 'wrong check digit (5 expected)'],
    ['1710034060', 'wrong check digit 0'],
    ['0926687855', 'wrong check digit (6 expected)'],
    // The rest have a correct check digit, so only the named rule refuses them.
    ['0000000000', 'province 00 (sum 0 → check 0)'],
    ['2500000001', 'province 25 (4+5 = 9 → check 1)'],
    ['2900000007', 'province 29 (4+9 = 13 → check 7)'],
    ['3100000003', 'province 31 (6+1 = 7 → check 3)'],
    ['9900000002', 'province 99 (18→9 + 9 = 18 → check 2)'],
    ['1760000008', 'third digit 6, public entity (2+7+12→3 = 12 → check 8)'],
    ['1770000006', 'third digit 7 (2+7+14→5 = 14 → check 6)'],
    ['1780000004', 'third digit 8 (2+7+16→7 = 16 → check 4)'],
    ['1790000002', 'third digit 9, private company (2+7+18→9 = 18 → check 2)'],
    ['171003406', '9 digits'],
    ['17100340650', '11 digits'],
    ['1710034065001', '13 digits (a RUC)'],
    ['', 'empty'],
    ['17100340A5', 'a letter'],
    ['ABCDEFGHIJ', 'letters only'],
    [' 1710034065', 'leading space'],
    ['1710034065 ', 'trailing space'],
    ['171003406-5', 'hyphen'],
    ['１７１００３４０６５', 'full-width digits'],
  ])('refuses %j: %s', (value) => {
    expect(isValidCedula(value)).toBe(false);
  });

  it('refuses generated numbers with a valid check digit but a wrong province or third digit', () => {
    for (const province of ['00', '25', '26', '29', '31', '50', '99']) {
      expect(isValidCedula(withCheckDigit(`${province}0123456`))).toBe(false);
    }
    for (const third of [6, 7, 8, 9]) {
      expect(isValidCedula(withCheckDigit(`17${third}123456`))).toBe(false);
    }
  });
});
