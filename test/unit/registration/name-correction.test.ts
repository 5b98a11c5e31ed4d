import { describe, it, expect } from 'vitest';
import {
  isNameCorrection,
  nameChangeDistance,
  nameCorrectionLimit,
  normalizeName,
} from '../../../src-shared/registration/name-correction';

/**
 * "Nombre de Usuario" accepts corrections only (docs/instructivo.md §4.1): after normalising both names, the
 * Levenshtein distance may be at most max(3, floor(25 % of the current normalised length)).
 */

/** Independent Levenshtein distance, so the boundary rows do not trust the library under test. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] as number;
}

describe('normalizeName', () => {
  it.each<[string, string]>([
    ['Juan Pérez', 'juan perez'],
    ['JUAN PÉREZ', 'juan perez'],
    ['  Juan    Pérez  ', 'juan perez'],
    ['Juan\t\nPérez', 'juan perez'],
    ['Juan\u00a0Pérez', 'juan perez'],
    ['María José Núñez', 'maria jose nunez'],
    // Decomposed (NFD) input: e + combining acute accent.
    ['Jose\u0301 Pe\u0301rez', 'jose perez'],
    ['Ümit Çelik', 'umit celik'],
    ["O'Neil-Ruiz Jr.", "o'neil-ruiz jr."],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('makes case, accents and spacing changes free', () => {
    expect(nameChangeDistance('Ana Paz', '  ANA   PÁZ ')).toBe(0);
    expect(isNameCorrection('Ana Paz', '  ANA   PÁZ ')).toBe(true);
    expect(nameChangeDistance('María José Núñez', 'MARIA JOSE NUNEZ')).toBe(0);
  });
});

describe('nameCorrectionLimit = max(3, floor(25 % of the current normalised length))', () => {
  it.each<[string, number, number]>([
    ['Ana', 3, 3],
    ['Ana Paz', 7, 3],
    // 15 × 0.25 = 3.75 → 3; 16 × 0.25 = 4 → 4: the first length where 25 % beats the floor of 3.
    ['Juan Carlos Paz', 15, 3],
    ['Juan Carlos Pazo', 16, 4],
    ['María Fernanda López Jiménez', 28, 7],
    ['A'.repeat(100), 100, 25],
  ])('%j (normalised length %i) → %i', (name, length, limit) => {
    expect(normalizeName(name)).toHaveLength(length);
    expect(nameCorrectionLimit(name)).toBe(limit);
  });

  it('measures the normalised name: extra spaces and decomposed accents do not raise the limit', () => {
    // Raw length 36, normalised "ana paz" is 7 → 3, not floor(36 / 4) = 9.
    expect(nameCorrectionLimit(`Ana${' '.repeat(30)}Paz`)).toBe(3);
    // 'Jose\u0301 Pe\u0301rez' is 12 code units but normalises to "jose perez" (10) → 3.
    expect(nameCorrectionLimit('Jose\u0301 Pe\u0301rez')).toBe(3);
    expect(nameCorrectionLimit('Á'.normalize('NFD').repeat(16))).toBe(4);
  });

  it('depends on the current name, not the new one', () => {
    expect(nameCorrectionLimit('Ana Paz')).toBe(3);
    // A long new name does not buy a larger limit: 4 insertions on a 7-character name are refused.
    expect(isNameCorrection('Ana Paz', 'Ana Paz Ruiz')).toBe(false);
  });
});

describe('isNameCorrection at the boundary', () => {
  // Each current name with the names tried against it: [new name, its distance, accepted].
  const BOUNDARY: { size: string; current: string; tries: [string, number, boolean][] }[] = [
    // "ana paz" (7) → limit 3.
    { size: 'short', current: 'Ana Paz', tries: [['Ana Páez', 1, true], ['Ana Ruiz', 3, true], ['Ana Ortiz', 4, false], ['Ena Pozo', 3, true], ['Eva Pozo', 4, false]] },
    // Decomposed accents are ignored.
    { size: 'short', current: 'Jose\u0301 Pe\u0301rez', tries: [['José Péres', 1, true]] },
    // 16 characters → limit 4.
    { size: '16 characters', current: 'Juan Carlos Pazo', tries: [['Juan Carlos Pozo', 1, true], ['Juan Carla Pozos', 4, true], ['Juan Carla Posos', 5, false]] },
    // "maria fernanda lopez jimenez" (28) → limit 7; case and accents are free; a whole new person is refused.
    {
      size: 'long',
      current: 'María Fernanda López Jiménez',
      tries: [
        ['Mario Hernando Pérez Giménez', 7, true],
        ['Mario Hernando Pérez Giménes', 8, false],
        ['MARIO HERNANDO PEREZ GIMENEZ', 7, true],
        ['Pedro Pablo Sánchez Andrade', 23, false],
      ],
    },
  ];
  it.each(BOUNDARY.flatMap(({ size, current, tries }) => tries.map(([next, distance, accepted]) => [size, current, next, distance, accepted] as const)))(
    '%s: %j → %j (distance %i) accepted: %s',
    (_size, current, next, distance, accepted) => {
      expect(levenshtein(normalizeName(current), normalizeName(next))).toBe(distance);
      expect(nameChangeDistance(current, next)).toBe(distance);
      expect(isNameCorrection(current, next)).toBe(accepted);
    },
  );

  it('accepts exactly the limit and refuses one more, for generated edits', () => {
    for (const current of ['Ana Paz', 'Juan Carlos Pazo', 'María Fernanda López Jiménez', 'B'.repeat(100)]) {
      const normal = normalizeName(current);
      const limit = nameCorrectionLimit(current);
      // Substituting the first k characters with 'q', a letter none of these names has, changes exactly k characters.
      const edit = (k: number) => 'q'.repeat(k) + normal.slice(k);
      expect(levenshtein(normal, edit(limit))).toBe(limit);
      expect(isNameCorrection(current, edit(limit)), `${current} at ${limit}`).toBe(true);
      expect(levenshtein(normal, edit(limit + 1))).toBe(limit + 1);
      expect(isNameCorrection(current, edit(limit + 1)), `${current} at ${limit + 1}`).toBe(false);
    }
  });
});
