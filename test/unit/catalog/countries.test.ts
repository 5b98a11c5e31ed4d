import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryName, isCountryCode } from '../../../src-shared/catalog/countries';

describe('País: ISO 3166-1 countries with Spanish names', () => {
  it('gives every ISO 3166-1 alpha-2 code a Spanish name', () => {
    const codes = Object.keys(countries.getAlpha2Codes());
    expect(codes.length).toBeGreaterThanOrEqual(249);
    for (const code of codes) expect(countryName(code), code).toMatch(/\S/);
    expect(COUNTRIES).toHaveLength(codes.length);
  });

  it('lists Kosovo as XK, the one user-assigned code; every other value is an ISO 3166-1 code', () => {
    expect(countryName('XK')).toBe('Kosovo');
    const userAssigned = COUNTRIES.filter((c) => /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(c.code)).map((c) => c.code);
    expect(userAssigned).toEqual(['XK']);
  });

  it('has Ecuador, Emiratos Árabes Unidos, Afganistán and Antártida, as the instructivo lists them', () => {
    expect(countryName('EC')).toBe('Ecuador');
    expect(countryName('AE')).toBe('Emiratos Árabes Unidos');
    expect(countryName('AF')).toBe('Afganistán');
    expect(countryName('AQ')).toBe('Antártida');
  });

  it('sorts the list by Spanish collation (accents do not push a name to the end)', () => {
    const names = COUNTRIES.map((c) => c.name);
    const collator = new Intl.Collator('es', { sensitivity: 'base' });
    expect([...names].sort(collator.compare)).toEqual(names);
    expect(names.indexOf('Ecuador')).toBeLessThan(names.indexOf('Egipto'));
    expect(names.indexOf('Islandia')).toBeLessThan(names.indexOf('Italia'));
  });

  it('accepts only ISO codes as values', () => {
    expect(isCountryCode('EC')).toBe(true);
    expect(isCountryCode('ec')).toBe(false);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('ECU')).toBe(false);
  });
});
