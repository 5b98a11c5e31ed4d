/**
 * Mobile carriers offered in "Operador" (instructivo §5.5.1). Kept as data because carriers get
 * renamed (Movistar and Tuenti are being rebranded Tigo): the wire code stays, the label may change.
 */
export const MOBILE_CARRIERS = [
  { code: 'CLARO', label: 'Claro' },
  { code: 'MOVISTAR', label: 'Movistar' },
  { code: 'CNT', label: 'Cnt' },
  { code: 'TUENTI', label: 'Tuenti' },
  { code: 'OTROS', label: 'OTROS' },
] as const;

export type MobileCarrier = (typeof MOBILE_CARRIERS)[number]['code'];
export const MOBILE_CARRIER_CODES = MOBILE_CARRIERS.map((c) => c.code) as [MobileCarrier, ...MobileCarrier[]];
