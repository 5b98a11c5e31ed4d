import { z } from 'zod';
import { MSG } from './messages';
import { ECUADOR, isCountryCode } from '../catalog/countries';
import { cantonBelongsTo, findProvince } from '../catalog/ecuador-divisions';
import { MOBILE_CARRIER_CODES } from '../catalog/mobile-carriers';

/**
 * A string field whose missing value reads "obligatorio" and whose wrong type reads "no válido".
 * U+0000 is refused in every one: no field of the instructivo can hold it, and PostgreSQL text
 * cannot store it (SQLite can), so letting it through would make the dialects answer differently.
 */
export const requiredString = () =>
  z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? MSG.required : MSG.invalidType) })
    .refine((s) => !s.includes('\u0000'), MSG.invalidType);

export const NAME_PATTERN = /^\p{L}[\p{L}\p{M} '.-]*$/u;

// NFC: "José" typed with a combining accent and "José" precomposed are one name, for the comparison
// of corrections and in storage (issue #11).
export const nameField = requiredString()
  .normalize('NFC')
  .trim()
  .min(1, MSG.required)
  .min(3, MSG.nameLength)
  .max(100, MSG.nameLength)
  .regex(NAME_PATTERN, MSG.nameChars);

export const countryField = requiredString().min(1, MSG.required).refine(isCountryCode, MSG.countryInvalid);

/** Province and city are INEC codes in Ecuador and null elsewhere; the cross-field rules check which. */
export const provinceField = z.string({ error: MSG.invalidType }).nullable();
export const cityField = z.string({ error: MSG.invalidType }).nullable();

const DIGITS_UP_TO_14 = /^\d{1,14}$/;
export const ECUADOR_LANDLINE = /^0[2-7]\d{7}$/;
export const ECUADOR_MOBILE = /^09\d{8}$/;

export const phoneField = requiredString()
  .min(1, MSG.required)
  .regex(DIGITS_UP_TO_14, MSG.phoneDigits)
  .regex(/^0/, MSG.phoneLeadingZero);

export const optionalPhoneField = z
  .string({ error: MSG.invalidType })
  .regex(DIGITS_UP_TO_14, MSG.phoneDigits)
  .regex(/^0/, MSG.phoneLeadingZero)
  .nullable();

export const carrierField = z.enum(MOBILE_CARRIER_CODES, {
  error: (iss) => (iss.input === undefined || iss.input === null ? MSG.required : MSG.carrierInvalid),
});

export const mobileNumberField = requiredString()
  .min(1, MSG.required)
  .regex(DIGITS_UP_TO_14, MSG.mobileDigits)
  .regex(/^0/, MSG.mobileLeadingZero);

export const faxField = z.string({ error: MSG.invalidType }).regex(DIGITS_UP_TO_14, MSG.faxDigits).nullable();

export const emailField = requiredString().normalize('NFC').trim().min(1, MSG.required).pipe(z.email(MSG.emailInvalid)).pipe(z.string().max(254, MSG.emailInvalid));

/** 8 characters of A–Z and 2–9 (docs/instructivo.md §4.5); the backend draws from the unambiguous subset. */
export const SECURITY_CODE_PATTERN = /^[A-Z2-9]{8}$/;
export const securityCodeField = requiredString()
  .trim()
  .min(1, MSG.securityCodeRequired)
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(SECURITY_CODE_PATTERN, MSG.securityCodeFormat));

/** Nombre de Usuario and the location and contact fields, shared by the form, the IPC payload, the PUT body and the seed. */
export const editableFieldsShape = {
  name: nameField,
  country: countryField,
  province: provinceField,
  city: cityField,
  phone1: phoneField,
  phone2: optionalPhoneField,
  mobile: z.strictObject({ carrier: carrierField, number: mobileNumberField }, { error: MSG.required }),
  fax: faxField,
};

export interface ContactValues {
  country: string;
  province: string | null;
  city: string | null;
  phone1: string;
  phone2: string | null;
  mobile: { carrier: string; number: string };
}

/**
 * Provincia and Ciudad exist only in Ecuador, and Ciudad is a canton of the chosen Provincia
 * (docs/instructivo.md §4.3).
 */
export function checkLocationByCountry(v: ContactValues, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (v.country === ECUADOR) {
    if (v.province === null || v.province === '') issue(['province'], MSG.provinceRequired);
    else if (!findProvince(v.province)) issue(['province'], MSG.provinceInvalid);
    if (v.city === null || v.city === '') issue(['city'], MSG.cityRequired);
    else if (v.province && !cantonBelongsTo(v.city, v.province)) issue(['city'], MSG.cityInvalid);
  } else {
    if (v.province !== null) issue(['province'], MSG.provinceOutsideEcuador);
    if (v.city !== null) issue(['city'], MSG.cityOutsideEcuador);
  }
}

/** In Ecuador, Teléfono1/2 are landlines 0[2-7] + 7 digits and Celular is 09 + 8 digits. */
export function checkPhonesByCountry(v: ContactValues, ctx: z.RefinementCtx): void {
  if (v.country !== ECUADOR) return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (!ECUADOR_LANDLINE.test(v.phone1)) issue(['phone1'], MSG.phoneEcuador);
  if (v.phone2 !== null && !ECUADOR_LANDLINE.test(v.phone2)) issue(['phone2'], MSG.phoneEcuador);
  if (!ECUADOR_MOBILE.test(v.mobile.number)) issue(['mobile', 'number'], MSG.mobileEcuador);
}

/** Every rule that depends on País. */
export function checkCountryDependentRules(v: ContactValues, ctx: z.RefinementCtx): void {
  checkLocationByCountry(v, ctx);
  checkPhonesByCountry(v, ctx);
}
