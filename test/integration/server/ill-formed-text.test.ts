import { describe, expect, it } from 'vitest';
import { ILL_FORMED_TEXT_MESSAGE, PasswordVerifyResponseSchema } from '../../../src-shared/contract';
import { AVAILABILITY, DEACTIVATION, getRegistration, keepEmailBody, put, SECURITY_CODE, usersWith, VERIFY } from './general-user-helpers';
import { DEMO_PASSWORD, errorOf, serverForFile } from './harness';

/**
 * Issue #11 case 6: a string that is not well-formed UTF-16 (a lone surrogate) in any field of any
 * body → 422 VALIDATION_FAILED naming that field, and nothing changes. Before the fix the new
 * password "Nueva.Clave1\ud800" was accepted and stored as U+FFFD, so "Nueva.Clave1\udfff" (or any
 * other lone surrogate) then logged in. Names and addresses are stored NFC-normalised.
 */

const LONE = '\ud800';
const U = { pass: 'unicodeclave', name: 'unicodenombre' } as const;
const server = serverForFile({ users: usersWith(...Object.values(U)) });

async function fieldsOf(res: Response): Promise<Record<string, string> | undefined> {
  expect(res.status).toBe(422);
  const error = await errorOf(res);
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.fields;
}

describe('lone surrogates are refused in every body', () => {
  it('a new password with a lone surrogate → 422 naming passwordChange.newPassword; the password is unchanged', async () => {
    const token = await server.login(U.pass);
    const reg = await getRegistration(server, token);
    const ticket = PasswordVerifyResponseSchema.parse(await (await server.send('POST', VERIFY, token, { currentPassword: DEMO_PASSWORD })).json()).ticket;
    const bad = `Nueva.Clave1${LONE}`;
    const res = await put(server, token, keepEmailBody(reg, { passwordChange: { ticket, newPassword: bad, confirmation: bad } }));
    expect(await fieldsOf(res)).toMatchObject({ 'passwordChange.newPassword': ILL_FORMED_TEXT_MESSAGE, 'passwordChange.confirmation': ILL_FORMED_TEXT_MESSAGE });
    // Nothing was stored as U+FFFD: another lone surrogate is refused too, and the old password still works.
    expect((await server.postSession({ userId: U.pass, password: 'Nueva.Clave1\udfff' })).status).toBe(422);
    expect((await server.postSession({ userId: U.pass, password: DEMO_PASSWORD })).status).toBe(201);
    expect((await getRegistration(server, token)).version).toBe(reg.version);
  });

  it('each endpoint names the field: login, verify, availability, security code, deactivation, nested PUT fields', async () => {
    const token = await server.login('mlopez');
    const reg = await getRegistration(server, token);
    const before = await server.dump();
    expect(await fieldsOf(await server.postSession({ userId: `jperez${LONE}`, password: DEMO_PASSWORD }))).toEqual({ userId: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await server.postSession({ userId: 'jperez', password: `\udc00${DEMO_PASSWORD}` }))).toEqual({ password: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await server.send('POST', VERIFY, token, { currentPassword: LONE }))).toEqual({ currentPassword: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await server.send('POST', AVAILABILITY, token, { email: `a${LONE}@example.com` }))).toEqual({ email: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await server.send('POST', SECURITY_CODE, token, { email: `a${LONE}@example.com` }))).toEqual({ email: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await server.send('POST', DEACTIVATION, token, { reason: `Motivo de la baja ${LONE}` }))).toEqual({ reason: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await put(server, token, keepEmailBody(reg, { name: `María${LONE}` })))).toEqual({ name: ILL_FORMED_TEXT_MESSAGE });
    expect(await fieldsOf(await put(server, token, keepEmailBody(reg, { mobile: { carrier: 'CLARO', number: `099${LONE}` } })))).toEqual({
      'mobile.number': ILL_FORMED_TEXT_MESSAGE,
    });
    expect(await server.dump()).toEqual(before);
  });

  it('a name typed with a combining accent is stored precomposed (NFC)', async () => {
    const token = await server.login(U.name);
    const reg = await getRegistration(server, token);
    const decomposed = 'Juan Carlos Pe\u0301rez Mendoza';
    const res = await put(server, token, keepEmailBody(reg, { name: decomposed }));
    expect(res.status).toBe(200);
    const saved = await getRegistration(server, token);
    expect(saved.name).toBe('Juan Carlos Pérez Mendoza');
    expect(saved.name).toBe(saved.name.normalize('NFC'));
  });
});
