import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type Registration } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { API, DEMO_PASSWORD, errorOf, startServer, type TestServer } from './harness';
import {
  AVAILABILITY,
  DEACTIVATION,
  REGISTRATION,
  SECURITY_CODE,
  VERIFY,
  emailChangeBody,
  getRegistration,
  keepEmailBody,
  put,
  stateOf,
} from './general-user-helpers';

let server: TestServer;
let token: string;
let abroadToken: string;
let ec: Registration; // jperez, Guayaquil
let abroad: Registration; // mlopez, Colombia
beforeAll(async () => {
  server = await startServer();
  token = await server.login('jperez');
  abroadToken = await server.login('mlopez');
  ec = await getRegistration(server, token);
  abroad = await getRegistration(server, abroadToken);
});
afterAll(async () => {
  await server?.close();
});

const TICKET = 'x'.repeat(43);
const pw = (newPassword: string, confirmation = newPassword) => ({ passwordChange: { ticket: TICKET, newPassword, confirmation } });

interface FieldCase {
  rule: string;
  body: () => Record<string, unknown>;
  fields: Record<string, string>;
  abroad?: boolean;
}

/** One field rule of the instructivo (docs/instructivo.md §4) per row; the answer names exactly that field. */
const FIELD_CASES: FieldCase[] = [
  { rule: 'Nombre de Usuario shorter than 3', body: () => keepEmailBody(ec, { name: 'Jo' }), fields: { name: MSG.nameLength } },
  { rule: 'Nombre de Usuario longer than 100', body: () => keepEmailBody(ec, { name: 'J'.repeat(101) }), fields: { name: MSG.nameLength } },
  { rule: 'Nombre de Usuario with digits', body: () => keepEmailBody(ec, { name: 'Juan Carlos P3rez' }), fields: { name: MSG.nameChars } },
  { rule: 'Nombre de Usuario missing', body: () => keepEmailBody(ec, { name: undefined }), fields: { name: MSG.required } },
  // The shared cross-field rule treats an unknown País as "not Ecuador", so Provincia/Ciudad are named too.
  { rule: 'País not a country code', body: () => keepEmailBody(ec, { country: 'XX' }), fields: { country: MSG.countryInvalid, province: MSG.provinceOutsideEcuador, city: MSG.cityOutsideEcuador } },
  { rule: 'País as a Spanish name', abroad: true, body: () => keepEmailBody(abroad, { country: 'Colombia' }), fields: { country: MSG.countryInvalid } },
  { rule: 'Provincia missing in Ecuador', body: () => keepEmailBody(ec, { province: null }), fields: { province: MSG.provinceRequired } },
  { rule: 'Provincia not an INEC code', body: () => keepEmailBody(ec, { province: '99', city: '0901' }), fields: { province: MSG.provinceInvalid, city: MSG.cityInvalid } },
  { rule: 'Ciudad missing in Ecuador', body: () => keepEmailBody(ec, { city: null }), fields: { city: MSG.cityRequired } },
  { rule: 'Ciudad of another Provincia (Quito in Guayas)', body: () => keepEmailBody(ec, { city: '1701' }), fields: { city: MSG.cityInvalid } },
  { rule: 'Provincia outside Ecuador refused, not dropped', abroad: true, body: () => keepEmailBody(abroad, { province: '09' }), fields: { province: MSG.provinceOutsideEcuador } },
  { rule: 'Ciudad outside Ecuador refused, not dropped', abroad: true, body: () => keepEmailBody(abroad, { city: '0901' }), fields: { city: MSG.cityOutsideEcuador } },
  { rule: 'Teléfono1 missing', body: () => keepEmailBody(ec, { phone1: '' }), fields: { phone1: MSG.required } },
  { rule: 'Teléfono1 with letters', body: () => keepEmailBody(ec, { phone1: '04abc5678' }), fields: { phone1: MSG.phoneDigits } },
  { rule: 'Teléfono1 without the leading 0', abroad: true, body: () => keepEmailBody(abroad, { phone1: '16012345678' }), fields: { phone1: MSG.phoneLeadingZero } },
  { rule: 'Teléfono1 over 14 digits', abroad: true, body: () => keepEmailBody(abroad, { phone1: '0'.repeat(15) }), fields: { phone1: MSG.phoneDigits } },
  { rule: 'Teléfono1 not 0[2-7] + 7 digits in Ecuador', body: () => keepEmailBody(ec, { phone1: '0912345678' }), fields: { phone1: MSG.phoneEcuador } },
  { rule: 'Teléfono2 with a dash', body: () => keepEmailBody(ec, { phone2: '04-2345678' }), fields: { phone2: MSG.phoneDigits } },
  { rule: 'Teléfono2 too short for Ecuador', body: () => keepEmailBody(ec, { phone2: '0423' }), fields: { phone2: MSG.phoneEcuador } },
  { rule: 'Celular not 09 + 8 digits in Ecuador', body: () => keepEmailBody(ec, { mobile: { carrier: 'CLARO', number: '0881234567' } }), fields: { 'mobile.number': MSG.mobileEcuador } },
  { rule: 'Celular with spaces', body: () => keepEmailBody(ec, { mobile: { carrier: 'CLARO', number: '099 123 4567' } }), fields: { 'mobile.number': MSG.mobileDigits } },
  { rule: 'Celular without the leading 0 abroad', abroad: true, body: () => keepEmailBody(abroad, { mobile: { carrier: 'MOVISTAR', number: '3001234567' } }), fields: { 'mobile.number': MSG.mobileLeadingZero } },
  { rule: 'Operador not in the list', body: () => keepEmailBody(ec, { mobile: { carrier: 'TIGO', number: '0991234567' } }), fields: { 'mobile.carrier': MSG.carrierInvalid } },
  { rule: 'Operador in lower case', body: () => keepEmailBody(ec, { mobile: { carrier: 'claro', number: '0991234567' } }), fields: { 'mobile.carrier': MSG.carrierInvalid } },
  { rule: 'Fax with letters', body: () => keepEmailBody(ec, { fax: 'fax' }), fields: { fax: MSG.faxDigits } },
  { rule: 'Fax over 14 digits', body: () => keepEmailBody(ec, { fax: '0'.repeat(15) }), fields: { fax: MSG.faxDigits } },
  { rule: 'Desea mantener el mismo correo missing', body: () => keepEmailBody(ec, { keepEmail: undefined }), fields: { keepEmail: MSG.required } },
  { rule: 'Desea mantener el mismo correo as "Si" (a string)', body: () => keepEmailBody(ec, { keepEmail: 'Si' }), fields: { keepEmail: MSG.required } },
  { rule: 'Correo electrónico not an address', body: () => emailChangeBody(ec, 'no-es-correo', 'ABCD2345'), fields: { email: MSG.emailInvalid, emailConfirmation: MSG.emailInvalid } },
  { rule: 'Confirmación de correo electrónico different', body: () => emailChangeBody(ec, 'nuevo@example.com', 'ABCD2345', { emailConfirmation: 'otro@example.com' }), fields: { emailConfirmation: MSG.emailMismatch } },
  { rule: 'Correo electrónico missing with "No"', body: () => keepEmailBody(ec, { keepEmail: false, emailConfirmation: 'a@example.com', securityCode: 'ABCD2345' }), fields: { email: MSG.required } },
  { rule: 'Ingrese código de seguridad missing with "No"', body: () => emailChangeBody(ec, 'nuevo@example.com', 'ABCD2345', { securityCode: undefined }), fields: { securityCode: MSG.securityCodeRequired } },
  { rule: 'Ingrese código de seguridad of the wrong shape', body: () => emailChangeBody(ec, 'nuevo@example.com', 'ABC-12'), fields: { securityCode: MSG.securityCodeFormat } },
  { rule: 'Contraseña shorter than 8', body: () => keepEmailBody(ec, pw('Ab#1xyz')), fields: { 'passwordChange.newPassword': MSG.passwordLength } },
  { rule: 'Contraseña longer than 64', body: () => keepEmailBody(ec, pw(`Ab#1${'x'.repeat(61)}`)), fields: { 'passwordChange.newPassword': MSG.passwordLength } },
  { rule: 'Contraseña without upper case', body: () => keepEmailBody(ec, pw('clave#2026x')), fields: { 'passwordChange.newPassword': MSG.passwordUpper } },
  { rule: 'Contraseña without lower case', body: () => keepEmailBody(ec, pw('CLAVE#2026X')), fields: { 'passwordChange.newPassword': MSG.passwordLower } },
  { rule: 'Contraseña without a digit', body: () => keepEmailBody(ec, pw('Clave#Nueva')), fields: { 'passwordChange.newPassword': MSG.passwordDigit } },
  { rule: 'Contraseña without a symbol', body: () => keepEmailBody(ec, pw('ClaveNueva2026')), fields: { 'passwordChange.newPassword': MSG.passwordSymbol } },
  { rule: 'Contraseña containing the ID.usuario', body: () => keepEmailBody(ec, pw('Xx#1JPerez2026')), fields: { 'passwordChange.newPassword': MSG.passwordContainsUserId } },
  { rule: 'Confirmación de contraseña different', body: () => keepEmailBody(ec, pw('Nueva#Clave2026', 'Nueva#Clave2027')), fields: { 'passwordChange.confirmation': MSG.passwordMismatch } },
  { rule: 'Contraseña change without a ticket', body: () => keepEmailBody(ec, { passwordChange: { newPassword: 'Nueva#Clave2026', confirmation: 'Nueva#Clave2026' } }), fields: { 'passwordChange.ticket': MSG.required } },
  { rule: 'version missing', body: () => keepEmailBody(ec, { version: undefined }), fields: { version: MSG.required } },
  { rule: 'version as a string', body: () => keepEmailBody(ec, { version: '1' }), fields: { version: MSG.invalidType } },
];

describe('Modificar: each field rule refused with 422 VALIDATION_FAILED naming the field, nothing saved', () => {
  for (const c of FIELD_CASES) {
    it(c.rule, async () => {
      const before = (await stateOf(server));
      const res = await put(server, c.abroad ? abroadToken : token, c.body());
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toEqual({ code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED, fields: c.fields });
      expect((await stateOf(server))).toEqual(before);
    });
  }

  it('several broken fields are all named at once', async () => {
    const res = await put(server, token, keepEmailBody(ec, { name: 'J', phone1: 'x', fax: 'y', mobile: { carrier: 'X', number: '1' } }));
    expect(res.status).toBe(422);
    expect(Object.keys((await errorOf(res)).fields ?? {}).sort()).toEqual(['fax', 'mobile.carrier', 'mobile.number', 'name', 'phone1']);
  });
});

describe('read-only fields (ID.usuario, Doc. Identificación, Senae correo electrónico) in the body → 422', () => {
  for (const [field, value] of [
    ['userId', 'otro'],
    ['idDocument', '0102030405'],
    ['senaeEmail', 'otro@correo.aduana.gob.ec'],
  ] as const) {
    it(`${field} (even with its current value) → 422 naming ${field} as read-only`, async () => {
      for (const v of [value, (ec as Record<string, unknown>)[field]]) {
        const before = (await stateOf(server));
        const res = await put(server, token, keepEmailBody(ec, { [field]: v }));
        expect(res.status).toBe(422);
        expect((await errorOf(res)).fields).toEqual({ [field]: MSG.readOnly });
        expect((await stateOf(server))).toEqual(before);
      }
    });
  }
});

const VALID_BODIES: Record<string, () => unknown> = {
  [`POST ${VERIFY}`]: () => ({ currentPassword: DEMO_PASSWORD }),
  [`POST ${AVAILABILITY}`]: () => ({ email: 'libre@example.com' }),
  [`POST ${SECURITY_CODE}`]: () => ({ email: 'libre@example.com' }),
  [`PUT ${REGISTRATION}`]: () => keepEmailBody(ec),
  [`POST ${DEACTIVATION}`]: () => ({ reason: 'Motivo de prueba suficientemente largo' }),
};

describe('bad bodies on every new endpoint: 400 / 413 / 422, never a change', () => {
  for (const [route, valid] of Object.entries(VALID_BODIES)) {
    const [method, path] = route.split(' ') as [string, string];
    const cases: [string, () => RequestInit, number, string][] = [
      ['not JSON (text/plain)', () => ({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify(valid()) }), 400, 'BAD_REQUEST'],
      ['broken JSON', () => ({ headers: { 'content-type': 'application/json' }, body: '{"email": ' }), 400, 'BAD_REQUEST'],
      ['no body', () => ({}), 400, 'BAD_REQUEST'],
      [
        'over 64 KiB',
        () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...(valid() as object), pad: 'x'.repeat(64 * 1024) }) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['an unknown field', () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...(valid() as object), admin: true }) }), 422, 'VALIDATION_FAILED'],
      ['a JSON array', () => ({ headers: { 'content-type': 'application/json' }, body: '[]' }), 422, 'VALIDATION_FAILED'],
    ];
    for (const [label, init, status, code] of cases) {
      it(`${route}: ${label} → ${status} ${code}`, async () => {
        const before = (await stateOf(server));
        const res = await server.request(path, { method, token, ...init() });
        expect(res.status).toBe(status);
        const error = await errorOf(res);
        expect(error.code).toBe(code);
        expect(error.message).toBe(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES]);
        if (label === 'an unknown field') expect(error.fields).toEqual({ admin: MSG.unknownField });
        expect((await stateOf(server))).toEqual(before);
      });
    }

    it(`${route} without a live token → 401 UNAUTHENTICATED, nothing changes`, async () => {
      const before = (await stateOf(server));
      const res = await server.send(method, path, undefined, valid());
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('UNAUTHENTICATED');
      expect((await stateOf(server))).toEqual(before);
    });
  }

  it('the server still answers normally afterwards', async () => {
    const res = await put(server, token, keepEmailBody(ec));
    expect(res.status).toBe(200);
    expect((await server.request(`${API}/sessions/current`, { token })).status).toBe(200);
  });
});
