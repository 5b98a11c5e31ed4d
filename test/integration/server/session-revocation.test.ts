import { describe, expect, it } from 'vitest';
import { PasswordVerifyResponseSchema } from '../../../src-shared/contract';
import { emailChangeBody, getRegistration, keepEmailBody, mailsTo, put, REGISTRATION, sendCode, usersWith, verifyPassword } from './general-user-helpers';
import { DEMO_PASSWORD, serverForFile } from './harness';

/**
 * Issue #11 case 4: a password change or an e-mail change ends every other session of the user
 * (A changes it, B is logged out, A goes on); the notice to the previous address says so. Other
 * changes (a phone) end nothing. Before the fix B still worked after the change.
 */

const U = { pass: 'revocaclave', mail: 'revocacorreo', phone: 'revocatelefono' } as const;
const server = serverForFile({ users: usersWith(...Object.values(U)) });

const alive = async (token: string) => (await server.request(REGISTRATION, { token })).status;

describe('other sessions end with a password or e-mail change', () => {
  it('password changed with session A: B and C answer 401, A still works; the notice says other sessions were closed', async () => {
    const a = await server.login(U.pass);
    const b = await server.login(U.pass);
    const c = await server.login(U.pass);
    const reg = await getRegistration(server, a);
    const ticket = PasswordVerifyResponseSchema.parse(await (await verifyPassword(server, a, DEMO_PASSWORD)).json()).ticket;
    const res = await put(server, a, keepEmailBody(reg, { passwordChange: { ticket, newPassword: 'Nueva.Clave#2027', confirmation: 'Nueva.Clave#2027' } }));
    expect(res.status).toBe(200);
    expect({ a: await alive(a), b: await alive(b), c: await alive(c) }).toEqual({ a: 200, b: 401, c: 401 });
    const notice = (await mailsTo(server, `${U.pass}@example.com`)).at(-1);
    expect(notice?.text).toContain('La contraseña fue cambiada.');
    expect(notice?.text).toContain('Se cerraron todas las demás sesiones abiertas de este usuario');
  });

  it('e-mail changed with session A: B answers 401, A still works; the notice says so', async () => {
    const a = await server.login(U.mail);
    const b = await server.login(U.mail);
    const email = `${U.mail}-nuevo@example.com`;
    const code = await sendCode(server, a, email);
    const reg = await getRegistration(server, a);
    expect((await put(server, a, emailChangeBody(reg, email, code))).status).toBe(200);
    expect({ a: await alive(a), b: await alive(b) }).toEqual({ a: 200, b: 401 });
    const notice = (await mailsTo(server, `${U.mail}@example.com`)).at(-1);
    expect(notice?.text).toContain('Se cerraron todas las demás sesiones abiertas de este usuario');
  });

  it('a change of the phone only ends no session', async () => {
    const a = await server.login(U.phone);
    const b = await server.login(U.phone);
    const reg = await getRegistration(server, a);
    expect((await put(server, a, keepEmailBody(reg, { phone1: '042999888' }))).status).toBe(200);
    expect({ a: await alive(a), b: await alive(b) }).toEqual({ a: 200, b: 200 });
  });
});
