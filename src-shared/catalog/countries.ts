import countries from 'i18n-iso-countries';
import es from 'i18n-iso-countries/langs/es.json';

countries.registerLocale(es);

export const ECUADOR = 'EC';

export interface Country {
  readonly code: string;
  readonly name: string;
}

const collator = new Intl.Collator('es', { sensitivity: 'base' });

/**
 * Every ISO 3166-1 alpha-2 country with its official Spanish name, in Spanish collation order, plus
 * Kosovo as XK: not an ISO 3166-1 code but the user-assigned one that the EU, the WCO's members and
 * ISO itself use for it, so a user who lives there can still be registered (README, "Rules").
 */
export const COUNTRIES: readonly Country[] = Object.entries(
  countries.getNames('es', { select: 'official' }),
)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => collator.compare(a.name, b.name));

const byCode = new Map(COUNTRIES.map((c) => [c.code, c]));

export function isCountryCode(code: string): boolean {
  return byCode.has(code);
}

export function countryName(code: string): string | undefined {
  return byCode.get(code)?.name;
}
