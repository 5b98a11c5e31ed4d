import { describe, it, expect } from 'vitest';
import {
  CANTONS,
  PROVINCES,
  cantonBelongsTo,
  cantonsOf,
  findCanton,
  findProvince,
} from '../../../src-shared/catalog/ecuador-divisions';

const names = (list: readonly { name: string }[]) => list.map((x) => x.name);

describe('Ecuador provinces and cantons (INEC)', () => {
  it('there are 24 provinces', () => {
    expect(PROVINCES).toHaveLength(24);
    expect(PROVINCES.map((p) => p.code)).toEqual(
      Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(findProvince('01')?.name).toBe('Azuay');
    expect(findProvince('09')?.name).toBe('Guayas');
    expect(findProvince('12')?.name).toBe('Los Ríos');
    expect(findProvince('14')?.name).toBe('Morona Santiago');
    expect(findProvince('20')?.name).toBe('Galápagos');
    expect(findProvince('23')?.name).toBe('Santo Domingo de los Tsáchilas');
    expect(findProvince('24')?.name).toBe('Santa Elena');
    expect(findProvince('25')).toBeUndefined();
    expect(findProvince('30')).toBeUndefined();
  });

  it('there are 222 cantons', () => {
    expect(CANTONS).toHaveLength(222);
    const perProvince = PROVINCES.reduce((n, p) => n + cantonsOf(p.code).length, 0);
    expect(perProvince).toBe(222);
  });

  it('every canton belongs to exactly one province and its code starts with the province code', () => {
    for (const canton of CANTONS) {
      expect(canton.code).toMatch(/^\d{4}$/);
      expect(canton.code.slice(0, 2)).toBe(canton.provinceCode);
      expect(findProvince(canton.provinceCode)).toBeDefined();
      const owners = PROVINCES.filter((p) => cantonsOf(p.code).some((c) => c.code === canton.code));
      expect(owners.map((p) => p.code)).toEqual([canton.provinceCode]);
    }
    for (const province of PROVINCES) expect(cantonsOf(province.code).length).toBeGreaterThan(0);
  });

  it('codes are unique', () => {
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(PROVINCES.length);
    expect(new Set(CANTONS.map((c) => c.code)).size).toBe(CANTONS.length);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(PROVINCES.length);
    const sorted = [...CANTONS].sort((a, b) => a.code.localeCompare(b.code));
    expect(CANTONS.map((c) => c.code)).toEqual(sorted.map((c) => c.code));
  });

  it('Guayas has 25 cantons including Guayaquil (0901) and San Jacinto de Yaguachi', () => {
    const guayas = cantonsOf('09');
    expect(guayas).toHaveLength(25);
    expect(findCanton('0901')).toEqual({ code: '0901', name: 'Guayaquil', provinceCode: '09' });
    expect(names(guayas)).toContain('Guayaquil');
    expect(names(guayas)).toContain('San Jacinto de Yaguachi');
    expect(names(guayas)).toContain('Samborondón');
    expect(names(guayas)).toContain('Durán');
  });

  it('Morona Santiago includes Sevilla Don Bosco', () => {
    const morona = cantonsOf('14');
    expect(morona).toHaveLength(13);
    expect(names(morona)).toContain('Sevilla Don Bosco');
    expect(findCanton('1413')).toEqual({ code: '1413', name: 'Sevilla Don Bosco', provinceCode: '14' });
  });

  it('Chongón is not a canton', () => {
    const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    expect(CANTONS.some((c) => plain(c.name).includes('chongon'))).toBe(false);
  });

  it('Ciudad lists only the cantons of the chosen Provincia (cantonsOf)', () => {
    const azuay = cantonsOf('01');
    expect(azuay).toHaveLength(15);
    expect(azuay.every((c) => c.provinceCode === '01')).toBe(true);
    expect(names(azuay)).toContain('Cuenca');
    expect(names(azuay)).not.toContain('Guayaquil');
    expect(names(cantonsOf('17'))).toContain('Quito');
    expect(names(cantonsOf('20'))).toEqual(['Isabela', 'San Cristóbal', 'Santa Cruz']);
    expect(cantonsOf('99')).toEqual([]);
    expect(cantonsOf('')).toEqual([]);
  });

  it('cantonsOf sorts by Spanish collation', () => {
    const collator = new Intl.Collator('es');
    for (const province of PROVINCES) {
      const list = names(cantonsOf(province.code));
      expect(list).toEqual([...list].sort(collator.compare));
    }
    // By name, not by code: Guayaquil (0901) is not first; accented names sit with their base letter.
    const guayas = names(cantonsOf('09'));
    expect(guayas.slice(0, 3)).toEqual(['Alfredo Baquerizo Moreno (Juján)', 'Balao', 'Balzar']);
    expect(guayas.at(-1)).toBe('Simón Bolívar');
    const azuay = names(cantonsOf('01'));
    expect(azuay.indexOf('Nabón')).toBeLessThan(azuay.indexOf('Oña'));
    expect(azuay.indexOf('Oña')).toBeLessThan(azuay.indexOf('Paute'));
    expect(azuay.at(-1)).toBe('Sígsig');
  });

  it('cantonBelongsTo refuses a canton of another province', () => {
    expect(cantonBelongsTo('0901', '09')).toBe(true);
    expect(cantonBelongsTo('1413', '14')).toBe(true);
    expect(cantonBelongsTo('0901', '01')).toBe(false);
    expect(cantonBelongsTo('0101', '09')).toBe(false);
    // Same name in two provinces: Bolívar (Carchi 0402, Manabí 1302).
    expect(cantonBelongsTo('0402', '04')).toBe(true);
    expect(cantonBelongsTo('0402', '13')).toBe(false);
    // Unknown codes never belong anywhere.
    expect(cantonBelongsTo('0915', '09')).toBe(false);
    expect(cantonBelongsTo('9999', '99')).toBe(false);
  });
});
