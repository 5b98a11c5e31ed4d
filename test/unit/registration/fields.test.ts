import { describe, it, expect } from 'vitest';
import { fieldErrorsFrom } from '../../../src-shared/contract/field-errors';
import { MSG } from '../../../src-shared/registration/messages';
import { passwordPolicyViolation } from '../../../src-shared/registration/password-policy';
import { registrationFormSchema, registrationUpdateSchema } from '../../../src-shared/registration/update';
import { JPEREZ_CONTACT } from '../../fixtures/jperez';

/**
 * The rules of "3.2.3 Modificar información de registro de usuario" (docs/instructivo.md §4), one change per row
 * against a valid form. Each row names the expected `{ dotted path: Spanish message }`, so an error
 * landing on the wrong field, or an extra one, fails the row.
 */

const USER_ID = 'jperez';

/** A valid form: Guayaquil (canton 0901 of Guayas, 09), keeping the current email. */
const BASE: Record<string, unknown> = { version: 3, ...JPEREZ_CONTACT, name: 'Juan Pérez', keepEmail: true };

/** Living abroad: no Provincia, no Ciudad. */
const ABROAD = { country: 'CO', province: null, city: null };

/** Changing the email: everything the "No" branch needs, all valid. */
const NEW_EMAIL = {
  keepEmail: false,
  email: 'nuevo.correo@dominio.com',
  emailConfirmation: 'nuevo.correo@dominio.com',
  securityCode: 'ABCD2345',
};

const pw = (newPassword: string, confirmation = newPassword) => ({ passwordChange: { newPassword, confirmation } });

type Row = [title: string, patch: Record<string, unknown>, expected: Record<string, string>];
const OK: Record<string, string> = {};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const SCHEMAS = [
  { name: 'registrationFormSchema', schema: registrationFormSchema(USER_ID), ticket: false },
  { name: 'registrationUpdateSchema', schema: registrationUpdateSchema(USER_ID), ticket: true },
] as const;

/** The base with the row's change; a key patched to `undefined` is removed (the field was left out). */
function build(patch: Record<string, unknown>, withTicket: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...BASE, ...patch };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  if (withTicket && isRecord(out.passwordChange)) {
    out.passwordChange = { ticket: 'ticket-0001', ...out.passwordChange };
  }
  return out;
}

const FIELD_ROWS: Record<string, Row[]> = {
  'Teléfono1 (required; digits, ≤ 14, leading 0; in Ecuador 0[2-7] + 7 digits)': [
    ['"042345678" in Ecuador is accepted', { phone1: '042345678' }, OK],
    ['"072345678" in Ecuador (area code 7) is accepted', { phone1: '072345678' }, OK],
    ['"42345678" is refused: it must start with 0', { phone1: '42345678' }, { phone1: MSG.phoneLeadingZero }],
    ['"012345678" is refused in Ecuador: area code 1 does not exist', { phone1: '012345678' }, { phone1: MSG.phoneEcuador }],
    ['"082345678" is refused in Ecuador: area code 8', { phone1: '082345678' }, { phone1: MSG.phoneEcuador }],
    ['"0423456789" (10 digits) is refused in Ecuador', { phone1: '0423456789' }, { phone1: MSG.phoneEcuador }],
    ['"04234567" (8 digits) is refused in Ecuador', { phone1: '04234567' }, { phone1: MSG.phoneEcuador }],
    ['letters are refused', { phone1: '04234567a' }, { phone1: MSG.phoneDigits }],
    ['spaces and hyphens are refused', { phone1: '04-234-5678' }, { phone1: MSG.phoneDigits }],
    ['15 digits are refused', { phone1: '042345678901234' }, { phone1: MSG.phoneDigits }],
    ['empty is refused as required', { phone1: '' }, { phone1: MSG.required }],
    ['left out is refused as required', { phone1: undefined }, { phone1: MSG.required }],
    ['abroad, "0160123456789" is accepted', { ...ABROAD, phone1: '0160123456789' }, OK],
    ['abroad, 14 digits are accepted', { ...ABROAD, phone1: '01601234567890' }, OK],
    ['abroad, 15 digits are refused', { ...ABROAD, phone1: '016012345678901' }, { phone1: MSG.phoneDigits }],
    ['abroad, a number without leading 0 is refused', { ...ABROAD, phone1: '160123456789' }, { phone1: MSG.phoneLeadingZero }],
  ],
  'Teléfono2 (optional; same format as Teléfono1)': [
    ['null is accepted', { phone2: null }, OK],
    ['"022345678" in Ecuador is accepted', { phone2: '022345678' }, OK],
    ['"22345678" is refused: it must start with 0', { phone2: '22345678' }, { phone2: MSG.phoneLeadingZero }],
    ['"012345678" is refused in Ecuador', { phone2: '012345678' }, { phone2: MSG.phoneEcuador }],
    ['letters are refused', { phone2: 'abc' }, { phone2: MSG.phoneDigits }],
    ['15 digits are refused', { phone2: '022345678901234' }, { phone2: MSG.phoneDigits }],
    ['abroad, "0160123456789" is accepted', { ...ABROAD, phone2: '0160123456789' }, OK],
  ],
  'Celular (required; digits, ≤ 14, leading 0; in Ecuador 09 + 8 digits)': [
    ['"0991234567" in Ecuador is accepted', { mobile: { carrier: 'CLARO', number: '0991234567' } }, OK],
    ['"0891234567" is refused in Ecuador', { mobile: { carrier: 'CLARO', number: '0891234567' } }, { 'mobile.number': MSG.mobileEcuador }],
    ['11 digits are refused in Ecuador', { mobile: { carrier: 'CLARO', number: '09912345678' } }, { 'mobile.number': MSG.mobileEcuador }],
    ['9 digits are refused in Ecuador', { mobile: { carrier: 'CLARO', number: '099123456' } }, { 'mobile.number': MSG.mobileEcuador }],
    ['abroad, "03001234567" is accepted', { ...ABROAD, mobile: { carrier: 'OTROS', number: '03001234567' } }, OK],
    ['abroad, "3001234567" is refused: it must start with 0', { ...ABROAD, mobile: { carrier: 'OTROS', number: '3001234567' } }, { 'mobile.number': MSG.mobileLeadingZero }],
    ['letters are refused', { mobile: { carrier: 'CLARO', number: '09912345ab' } }, { 'mobile.number': MSG.mobileDigits }],
    ['15 digits are refused', { ...ABROAD, mobile: { carrier: 'OTROS', number: '030012345678901' } }, { 'mobile.number': MSG.mobileDigits }],
    ['empty is refused as required', { mobile: { carrier: 'CLARO', number: '' } }, { 'mobile.number': MSG.required }],
  ],
  'Operador (required; Claro, Movistar, Cnt, Tuenti, OTROS)': [
    ...['CLARO', 'MOVISTAR', 'CNT', 'TUENTI', 'OTROS'].map(
      (carrier): Row => [`${carrier} is accepted`, { mobile: { carrier, number: '0991234567' } }, OK],
    ),
    ['"TIGO" (not in the list) is refused', { mobile: { carrier: 'TIGO', number: '0991234567' } }, { 'mobile.carrier': MSG.carrierInvalid }],
    ['the label "Claro" instead of the code is refused', { mobile: { carrier: 'Claro', number: '0991234567' } }, { 'mobile.carrier': MSG.carrierInvalid }],
    ['left out is refused as required', { mobile: { number: '0991234567' } }, { 'mobile.carrier': MSG.required }],
  ],
  'Fax (optional; digits, ≤ 14)': [
    ['null is accepted', { fax: null }, OK],
    ['"042345679" is accepted', { fax: '042345679' }, OK],
    ['14 digits are accepted', { fax: '04234567890123' }, OK],
    ['letters are refused', { fax: '04abc' }, { fax: MSG.faxDigits }],
    ['15 digits are refused', { fax: '042345678901234' }, { fax: MSG.faxDigits }],
  ],
  'País (required; ISO 3166-1 code)': [
    ['"CO" with no Provincia/Ciudad is accepted', { ...ABROAD }, OK],
    ['"XX" is refused', { ...ABROAD, country: 'XX' }, { country: MSG.countryInvalid }],
    ['the lower-case "co" is refused', { ...ABROAD, country: 'co' }, { country: MSG.countryInvalid }],
    ['the name "Colombia" is refused', { ...ABROAD, country: 'Colombia' }, { country: MSG.countryInvalid }],
    ['empty is refused as required', { ...ABROAD, country: '' }, { country: MSG.required }],
  ],
  'Provincia and Ciudad (required in Ecuador, empty elsewhere; Ciudad belongs to Provincia)': [
    ['Pichincha / Quito is accepted', { province: '17', city: '1701' }, OK],
    ['Morona Santiago / Sevilla Don Bosco is accepted', { province: '14', city: '1413' }, OK],
    ['Provincia null in Ecuador is refused', { province: null }, { province: MSG.provinceRequired }],
    ['Provincia empty in Ecuador is refused', { province: '' }, { province: MSG.provinceRequired }],
    ['Ciudad null in Ecuador is refused', { city: null }, { city: MSG.cityRequired }],
    ['Ciudad empty in Ecuador is refused', { city: '' }, { city: MSG.cityRequired }],
    ['Ciudad of another Provincia (Quito in Guayas) is refused: Ciudad must belong to the chosen Provincia', { province: '09', city: '1701' }, { city: MSG.cityInvalid }],
    ['an unknown Ciudad is refused', { city: '0999' }, { city: MSG.cityInvalid }],
    ['an unknown Provincia is refused (and so is its Ciudad)', { province: '25', city: '0901' }, { province: MSG.provinceInvalid, city: MSG.cityInvalid }],
    ['a Provincia outside Ecuador is refused, not dropped', { ...ABROAD, province: '09' }, { province: MSG.provinceOutsideEcuador }],
    ['a Ciudad outside Ecuador is refused, not dropped', { ...ABROAD, city: '0901' }, { city: MSG.cityOutsideEcuador }],
    ['both outside Ecuador are refused', { ...ABROAD, province: '09', city: '0901' }, { province: MSG.provinceOutsideEcuador, city: MSG.cityOutsideEcuador }],
  ],
  'Nombre de Usuario (required; 3–100 letters, accents, spaces, apostrophe, hyphen, dot)': [
    ['2 characters are refused', { name: 'Jo' }, { name: MSG.nameLength }],
    ['3 characters are accepted', { name: 'Ana' }, OK],
    ['100 characters are accepted', { name: 'A'.repeat(100) }, OK],
    ['101 characters are refused', { name: 'A'.repeat(101) }, { name: MSG.nameLength }],
    ['digits are refused', { name: 'Juan Pérez 2' }, { name: MSG.nameChars }],
    ['an underscore is refused', { name: 'Juan_Pérez' }, { name: MSG.nameChars }],
    ['a leading dot is refused', { name: '.Juan' }, { name: MSG.nameChars }],
    ['accents, ñ, apostrophe, hyphen and dot are accepted', { name: "María-José O'Neil Núñez Jr." }, OK],
    ['a decomposed accent (e + U+0301) is accepted', { name: 'Jose\u0301 Pe\u0301rez' }, OK],
    ['surrounding spaces are trimmed, not counted', { name: '  Ana  ' }, OK],
    ['"Jo" padded with spaces is still too short', { name: ' Jo ' }, { name: MSG.nameLength }],
    ['empty is refused as required', { name: '' }, { name: MSG.required }],
    ['blank is refused as required', { name: '   ' }, { name: MSG.required }],
    ['left out is refused as required', { name: undefined }, { name: MSG.required }],
  ],
  'Desea mantener el mismo correo electrónico = No (email, confirmation, security code)': [
    ['a complete change is accepted', { ...NEW_EMAIL }, OK],
    ['Correo electrónico left out is refused', { ...NEW_EMAIL, email: undefined }, { email: MSG.required }],
    ['Confirmación de correo electrónico left out is refused', { ...NEW_EMAIL, emailConfirmation: undefined }, { emailConfirmation: MSG.required }],
    ['código de seguridad left out is refused', { ...NEW_EMAIL, securityCode: undefined }, { securityCode: MSG.securityCodeRequired }],
    ['código de seguridad empty is refused', { ...NEW_EMAIL, securityCode: '' }, { securityCode: MSG.securityCodeRequired }],
    ['all three left out are refused', { keepEmail: false }, { email: MSG.required, emailConfirmation: MSG.required, securityCode: MSG.securityCodeRequired }],
    ['a confirmation that does not match is refused', { ...NEW_EMAIL, emailConfirmation: 'otro@dominio.com' }, { emailConfirmation: MSG.emailMismatch }],
    ['a confirmation that differs only in case is accepted', { ...NEW_EMAIL, emailConfirmation: 'Nuevo.Correo@DOMINIO.com' }, OK],
    ['a malformed address is refused', { ...NEW_EMAIL, email: 'nuevo@', emailConfirmation: 'nuevo@' }, { email: MSG.emailInvalid, emailConfirmation: MSG.emailInvalid }],
    ['a code of 7 characters is refused', { ...NEW_EMAIL, securityCode: 'ABCD234' }, { securityCode: MSG.securityCodeFormat }],
    ['a code of 9 characters is refused', { ...NEW_EMAIL, securityCode: 'ABCD23456' }, { securityCode: MSG.securityCodeFormat }],
    ['a code with the digit 1 is refused (2–9 only)', { ...NEW_EMAIL, securityCode: 'ABCD2341' }, { securityCode: MSG.securityCodeFormat }],
    ['a code with the digit 0 is refused (2–9 only)', { ...NEW_EMAIL, securityCode: 'ABCD2340' }, { securityCode: MSG.securityCodeFormat }],
    ['a code with a symbol is refused', { ...NEW_EMAIL, securityCode: 'ABCD234-' }, { securityCode: MSG.securityCodeFormat }],
    ['a code with every letter A–Z is accepted (I and O included)', { ...NEW_EMAIL, securityCode: 'IOZYXW98' }, OK],
    ['a lower-case code is accepted', { ...NEW_EMAIL, securityCode: 'abcd2345' }, OK],
  ],
  'Desea mantener el mismo correo electrónico = Si': [
    ['no email field is needed', { keepEmail: true }, OK],
    ['Desea mantener left out is refused', { keepEmail: undefined }, { keepEmail: MSG.required }],
    ['"Si" as text instead of a boolean is refused', { keepEmail: 'Si' }, { keepEmail: MSG.required }],
  ],
  'fields the form may not send': [
    ['an unknown key is refused', { foo: 'bar' }, { foo: MSG.unknownField }],
    ['an unknown key inside Celular is refused', { mobile: { carrier: 'CLARO', number: '0991234567', extra: 1 } }, { 'mobile.extra': MSG.unknownField }],
    ['ID.usuario (userId) is read-only', { userId: 'otro' }, { userId: MSG.readOnly }],
    ['Doc. Identificación (idDocument) is read-only', { idDocument: '1710034065' }, { idDocument: MSG.readOnly }],
    ['Senae correo electrónico (senaeEmail) is read-only', { senaeEmail: 'jperez@correo.aduana.gob.ec' }, { senaeEmail: MSG.readOnly }],
    ['version left out is refused', { version: undefined }, { version: MSG.required }],
    ['a negative version is refused', { version: -1 }, { version: MSG.invalidType }],
  ],
  'Contraseña and Confirmación de contraseña (8–64, upper, lower, digit, symbol, not the ID.usuario)': [
    ['8 characters are accepted', pw('Abcdef1!'), OK],
    ['7 characters are refused', pw('Abcde1!'), { 'passwordChange.newPassword': MSG.passwordLength }],
    ['64 characters are accepted', pw(`Aa1!${'x'.repeat(60)}`), OK],
    ['65 characters are refused', pw(`Aa1!${'x'.repeat(61)}`), { 'passwordChange.newPassword': MSG.passwordLength }],
    ['no upper-case letter is refused', pw('abcdef1!'), { 'passwordChange.newPassword': MSG.passwordUpper }],
    ['no lower-case letter is refused', pw('ABCDEF1!'), { 'passwordChange.newPassword': MSG.passwordLower }],
    ['no digit is refused', pw('Abcdefg!'), { 'passwordChange.newPassword': MSG.passwordDigit }],
    ['no symbol is refused', pw('Abcdefg1'), { 'passwordChange.newPassword': MSG.passwordSymbol }],
    ['a space is not a symbol', pw('Abcdef 1'), { 'passwordChange.newPassword': MSG.passwordSymbol }],
    ['accented letters count as letters', pw('Ñandú#2024'), OK],
    ['containing the ID.usuario is refused', pw('Xjperez1!'), { 'passwordChange.newPassword': MSG.passwordContainsUserId }],
    ['containing the ID.usuario in another case is refused', pw('xJPEREZ1!'), { 'passwordChange.newPassword': MSG.passwordContainsUserId }],
    ['a confirmation that does not match is refused', pw('Abcdef1!', 'Abcdef1?'), { 'passwordChange.confirmation': MSG.passwordMismatch }],
    ['a confirmation that differs only in case is refused', pw('Abcdef1!', 'ABCDEF1!'), { 'passwordChange.confirmation': MSG.passwordMismatch }],
    ['an empty confirmation is refused as required', pw('Abcdef1!', ''), { 'passwordChange.confirmation': MSG.required }],
  ],
};

describe.each(SCHEMAS)('$name', ({ schema, ticket }) => {
  const errorsOf = (patch: Record<string, unknown>) => {
    const result = schema.safeParse(build(patch, ticket));
    return result.success ? OK : fieldErrorsFrom(result.error);
  };

  it('accepts the base form', () => {
    expect(errorsOf({})).toEqual(OK);
  });

  for (const [field, rows] of Object.entries(FIELD_ROWS)) {
    describe(field, () => {
      it.each(rows)('%s', (_title, patch, expected) => {
        expect(errorsOf(patch)).toEqual(expected);
      });
    });
  }

  it('upper-cases and trims the security code it accepts', () => {
    const result = schema.safeParse(build({ ...NEW_EMAIL, securityCode: ' abcd2345 ' }, ticket));
    expect(result.success).toBe(true);
    expect(result.data?.securityCode).toBe('ABCD2345');
  });

  it('reports every broken field at once', () => {
    const errors = errorsOf({ name: 'J', phone1: '12', mobile: { carrier: 'X', number: '0891234567' }, city: '1701' });
    expect(errors).toEqual({
      name: MSG.nameLength,
      phone1: MSG.phoneLeadingZero,
      'mobile.carrier': MSG.carrierInvalid,
      'mobile.number': MSG.mobileEcuador,
      city: MSG.cityInvalid,
    });
  });
});

describe('the password ticket', () => {
  it('registrationUpdateSchema requires it', () => {
    const result = registrationUpdateSchema(USER_ID).safeParse(build(pw('Abcdef1!'), false));
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsFrom(result.error)).toEqual({ 'passwordChange.ticket': MSG.required });
  });

  it('registrationFormSchema refuses it: only the main process adds it', () => {
    const result = registrationFormSchema(USER_ID).safeParse(build(pw('Abcdef1!'), true));
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsFrom(result.error)).toEqual({ 'passwordChange.ticket': MSG.unknownField });
  });
});

describe('passwordPolicyViolation (password-policy)', () => {
  it.each<[string, string, string | undefined, string | null]>([
    ['Abcdef1!', USER_ID, undefined, null],
    ['Abcdef1!', USER_ID, 'Anterior9#', null],
    ['Abcdef1!', USER_ID, 'Abcdef1!', MSG.passwordSameAsCurrent],
    // Passwords are case-sensitive, so a case change is a different password.
    ['Abcdef1!', USER_ID, 'aBCDEF1!', null],
    ['Abcde1!', USER_ID, 'Abcde1!', MSG.passwordLength],
    ['Zjperez9$', USER_ID, undefined, MSG.passwordContainsUserId],
    ['Zjperez9$', 'JPEREZ', undefined, MSG.passwordContainsUserId],
    ['Zjperez9$', '', undefined, null],
  ])('%j for %j (current %j) → %j', (password, userId, current, expected) => {
    expect(passwordPolicyViolation(password, userId, current)).toBe(expected);
  });
});

describe('the per-user registration schemas', () => {
  it('are built once per ID.usuario and kept, each with its own user’s password policy', () => {
    for (const of of [registrationFormSchema, registrationUpdateSchema]) {
      expect(of('jperez')).toBe(of('jperez'));
      expect(of('mlopez')).not.toBe(of('jperez'));
    }
    // Each kept schema still judges by its own user: a new password holding "jperez" is refused for jperez only.
    const accepts = (userId: string) => registrationFormSchema(userId).safeParse(build(pw('Xjperez#2026a'), false)).success;
    for (let i = 0; i < 2; i++) {
      expect(accepts('jperez')).toBe(false);
      expect(accepts('mlopez')).toBe(true);
    }
  });
});
