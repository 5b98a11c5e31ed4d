import { describe, it, expect } from 'vitest';
import { RUC_WARNING, checkRuc, describeIdDocument, modulo11CheckDigit } from '../../../src-shared/identity';
import { PRIVATE_COEFFICIENTS, PUBLIC_COEFFICIENTS, mod11, withCedulaCheckDigit } from './independent-check-digits';

const cedula = withCedulaCheckDigit;
const PUBLIC = PUBLIC_COEFFICIENTS;
const PRIVATE = PRIVATE_COEFFICIENTS;

/** A public-entity RUC: 8 digits, check digit (9th), 4-digit establishment. */
function publicRuc(firstEight: string, establishment = '0001'): string | null {
  const check = mod11(firstEight, PUBLIC);
  return check === null ? null : `${firstEight}${check}${establishment}`;
}
/** A private-company RUC: 9 digits, check digit (10th), 3-digit establishment. */
function privateRuc(firstNine: string, establishment = '001'): string | null {
  const check = mod11(firstNine, PRIVATE);
  return check === null ? null : `${firstNine}${check}${establishment}`;
}

describe('checkRuc: natural persons (valid cédula + establishment ≠ 000)', () => {
  it.each([
    // 1710034065: cédula check 5 (sum 25, see cedula.test.ts)
    '1710034065001',
    '1710034065002',
    '1710034065999',
    // 0926687856: sum 44 → 6
    '0926687856001',
    // 3012345678: province 30, sum 32 → 8
    '3012345678001',
  ])('accepts %s', (value) => {
    expect(checkRuc(value)).toEqual({ valid: true, kind: 'natural' });
  });

  it('accepts generated numbers for every third digit 0–5', () => {
    for (let third = 0; third <= 5; third++) {
      const value = `${cedula(`09${third}876543`)}001`;
      expect(checkRuc(value), value).toEqual({ valid: true, kind: 'natural' });
    }
  });

  it.each<[string, string]>([
    ['1710034065000', 'establishment 000'],
    ['1710034066001', 'wrong cédula check digit'],
    ['2500000001001', 'province 25 (cédula check digit right)'],
    ['0000000000001', 'province 00'],
  ])('refuses %s: %s', (value) => {
    const result = checkRuc(value);
    expect(result.valid).toBe(false);
    expect(result.kind).toBe('natural');
    expect(result.warning).toBeUndefined();
  });
});

const MODULO_11_KINDS = [
  {
    kind: 'public' as const,
    title: 'public entities (third digit 6, modulo 11 only warns)',
    right: [
      // SRI: 1·3 + 7·2 + 6·7 + 0·6 + 0·5 + 1·4 + 3·3 + 2·2 = 3+14+42+0+0+4+9+4 = 76; 76 % 11 = 10 → 11−10 = 1
      ['1760013210001', '9th digit 1'],
      // 3+14+42+0+0+0+1·3+5·2 = 72; 72 % 11 = 6 → 5
      ['1760001550001', '9th digit 5'],
      // 3+14+42+0+0+0+6·3+0 = 77; 77 % 11 = 0 → 11 → 0
      ['1760006000001', '9th digit 0'],
    ],
    wrongCheck: [
      ['1760013220001', '9th digit 2, 1 expected'],
      ['1760001540001', '9th digit 4, 5 expected'],
      // 3+14+42+0+0+0+0+4·2 = 67; 67 % 11 = 1 → 10: no digit can match
      ['1760000400001', 'sum 67 → check 10, never matches'],
      ['1760000490001', 'sum 67 → check 10, never matches'],
    ],
    refused: [
      ['1760013210000', 'establishment 0000'],
      ['2560013210001', 'province 25'],
      ['0060013210001', 'province 00'],
    ],
  },
  {
    kind: 'private' as const,
    title: 'private companies (third digit 9, modulo 11 only warns)',
    right: [
      // 1·4 + 7·3 + 9·2 + 0·7 + 0·6 + 1·5 + 0·4 + 9·3 + 3·2 = 4+21+18+0+0+5+0+27+6 = 81; 81 % 11 = 4 → 7
      ['1790010937001', '10th digit 7'],
      // 4+21+18+0+0+5+1·4+6·3+7·2 = 84; 84 % 11 = 7 → 4
      ['1790011674001', '10th digit 4'],
      // 4+21+18+0+0+0+0+0+6·2 = 55; 55 % 11 = 0 → 0
      ['1790000060001', '10th digit 0'],
    ],
    wrongCheck: [
      ['1790010938001', '10th digit 8, 7 expected'],
      ['1790011670001', '10th digit 0, 4 expected'],
      // 4+21+18+0+0+0+0+0+1·2 = 45; 45 % 11 = 1 → 10: no digit can match
      ['1790000010001', 'sum 45 → check 10, never matches'],
    ],
    refused: [
      ['1790010937000', 'establishment 000'],
      ['2590010937001', 'province 25'],
      ['3190010937001', 'province 31'],
    ],
  },
] satisfies Array<{ kind: 'public' | 'private'; title: string; right: [string, string][]; wrongCheck: [string, string][]; refused: [string, string][] }>;

describe.each(MODULO_11_KINDS)('checkRuc: $title', ({ kind, right, wrongCheck, refused }) => {
  it.each(right)('accepts %s without warning (%s)', (value) => {
    expect(checkRuc(value)).toEqual({ valid: true, kind });
  });

  it.each(wrongCheck)('accepts %s with a Spanish warning (%s)', (value) => {
    expect(checkRuc(value)).toEqual({ valid: true, kind, warning: RUC_WARNING[kind] });
  });

  it.each(refused)('refuses %s: %s', (value) => {
    expect(checkRuc(value)).toEqual({ valid: false, kind });
  });
});

describe('checkRuc: public entities, generated', () => {
  it('warns exactly when the generated check digit is altered', () => {
    for (const firstEight of ['17600132', '09600000', '01612345', '30654321']) {
      const value = publicRuc(firstEight);
      if (value === null) continue;
      expect(checkRuc(value), value).toEqual({ valid: true, kind: 'public' });
      const altered = value.slice(0, 8) + String((Number(value[8]) + 1) % 10) + value.slice(9);
      expect(checkRuc(altered).warning, altered).toBe(RUC_WARNING.public);
    }
  });
});

describe('checkRuc: private companies, generated', () => {
  it('accepts generated numbers in every province without warning', () => {
    const provinces = [...Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, '0')), '30'];
    for (const province of provinces) {
      const value = privateRuc(`${province}9123456`) ?? privateRuc(`${province}9123457`);
      expect(value).not.toBeNull();
      expect(checkRuc(value as string), value as string).toEqual({ valid: true, kind: 'private' });
    }
  });
});

describe('checkRuc: malformed numbers', () => {
  it.each<[string, string, string]>([
    ['1770010937001', 'third digit 7', 'unknown'],
    ['1780010937001', 'third digit 8', 'unknown'],
    ['171003406500', '12 digits', 'unknown'],
    ['17100340650011', '14 digits', 'unknown'],
    ['1710034065', '10 digits (a cédula)', 'unknown'],
    ['', 'empty', 'unknown'],
    ['17100340650A1', 'a letter', 'unknown'],
    ['1710034065-001', 'hyphen', 'unknown'],
    [' 1710034065001', 'leading space', 'unknown'],
  ])('refuses %j: %s', (value, _why, kind) => {
    expect(checkRuc(value)).toEqual({ valid: false, kind });
  });
});

describe('modulo11CheckDigit', () => {
  it.each<[string, number[], number | null]>([
    ['17600132', PUBLIC, 1],
    ['17600060', PUBLIC, 0],
    ['17600004', PUBLIC, null],
    ['179001093', PRIVATE, 7],
    ['179000001', PRIVATE, null],
  ])('%s → %s', (digits, coefficients, expected) => {
    expect(modulo11CheckDigit(digits, coefficients)).toBe(expected);
    expect(mod11(digits, coefficients)).toBe(expected);
  });
});

describe('describeIdDocument', () => {
  it.each<[string, object]>([
    ['1710034065', { kind: 'cedula', label: 'Cédula', valid: true }],
    [' 1710034065 ', { kind: 'cedula', valid: true }],
    ['1710034066', { kind: 'cedula', valid: false, message: 'El número de cédula no es válido.' }],
    ['1710034065001', { kind: 'ruc', label: 'RUC', valid: true, rucKind: 'natural' }],
    ['1790010937001', { kind: 'ruc', valid: true, rucKind: 'private' }],
    ['1790010938001', { kind: 'ruc', valid: true, rucKind: 'private', message: RUC_WARNING.private }],
    ['1710034065000', { kind: 'ruc', valid: false, message: 'El número de RUC no es válido.' }],
    ['AB123456', { kind: 'other', label: 'Pasaporte u otro documento', valid: true }],
    ['123456789', { kind: 'other', valid: true }],
    ['   ', { kind: 'other', valid: false, message: 'Este campo es obligatorio.' }],
  ])('%j', (value, expected) => {
    expect(describeIdDocument(value)).toMatchObject(expected);
  });
});
