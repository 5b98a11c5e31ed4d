import { distance } from 'fastest-levenshtein';

/**
 * "Nombre de Usuario" accepts corrections only (instructivo §5.5.1). Both names are normalised
 * (lower case, accents removed, spaces collapsed) and the edit distance between them may not
 * exceed max(3, 25 % of the current normalised name's length, rounded down).
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function nameCorrectionLimit(currentName: string): number {
  return Math.max(3, Math.floor(normalizeName(currentName).length * 0.25));
}

export function nameChangeDistance(currentName: string, nextName: string): number {
  return distance(normalizeName(currentName), normalizeName(nextName));
}

export function isNameCorrection(currentName: string, nextName: string): boolean {
  return nameChangeDistance(currentName, nextName) <= nameCorrectionLimit(currentName);
}
