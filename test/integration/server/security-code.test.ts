import { describe, expect, it } from 'vitest';
import { EmailAvailabilityResponseSchema, ERROR_MESSAGES, RegistrationSchema, SecurityCodeResponseSchema } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { SECURITY_CODE_ALPHABET } from '../../../src-server/security/security-code';
import { errorOf, serverForFile } from './harness';
import {
  AVAILABILITY,
  CODE_IN_TEXT,
  CODE_SUBJECT,
  auditOf,
  emailChangeBody,
  expectFieldRefused,
  getRegistration,
  latestCode,
  mailsTo,
  otherCode,
  put,
  requestCode,
  sendCode,
  stateOf,
  usersWith,
} from './general-user-helpers';

const server = serverForFile({
    users: usersWith('ana', 'beto', 'carla', 'dario', 'elena', 'fabian', 'gina', 'hugo', 'ines', 'jorge', 'karen', 'luis', 'maria', 'nico'),
  });

/** `userId` logged in, its registration as read, and the security code the backend mailed to `address`. */
async function codeSentTo(userId: string, address: string) {
  const token = await server.login(userId);
  const reg = await getRegistration(server, token);
  return { token, reg, code: await sendCode(server, token, address) };
}

const availability = async (token: string, email: unknown) => server.send('POST', AVAILABILITY, token, { email });

describe('Verificar disponibilidad (POST /general-user/email/availability)', () => {
  it('a free address is available; one registered by another user is not (in any case)', async () => {
    const token = await server.login('ana');
    const free = await availability(token, 'nueva.ana@example.com');
    expect(free.status).toBe(200);
    expect(EmailAvailabilityResponseSchema.parse(await free.json())).toEqual({ available: true });
    expect(await (await availability(token, 'MLopez@Example.COM')).json()).toEqual({ available: false });
  });

  it("the caller's own registered address is not available either", async () => {
    const token = await server.login('ana');
    expect(await (await availability(token, 'ana@example.com')).json()).toEqual({ available: false });
    expect(await (await availability(token, ' ANA@EXAMPLE.COM ')).json()).toEqual({ available: false });
  });

  for (const bad of ['no-es-correo', 'ana@', '', 42, null]) {
    it(`a bad address (${JSON.stringify(bad)}) → 422 VALIDATION_FAILED naming email`, async () => {
      const token = await server.login('ana');
      await expectFieldRefused(server, 'email', () => availability(token, bad));
    });
  }
});

describe('Solicitar código de seguridad (POST /general-user/email/security-code)', () => {
  it('202 {expiresAt = now + 15 min}; the mail "ACTIVACIÓN DE CORREO ELECTRÓNICO" reaches the new address with an 8-character code', async () => {
    const token = await server.login('beto');
    const res = await requestCode(server, token, 'Beto.Nuevo@Example.com');
    expect(res.status).toBe(202);
    const { expiresAt } = SecurityCodeResponseSchema.parse(await res.json());
    expect(expiresAt).toBe(new Date(server.clock.now().getTime() + 15 * 60_000).toISOString());

    const [mail, ...more] = await mailsTo(server, 'beto.nuevo@example.com');
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(CODE_SUBJECT);
    const code = CODE_IN_TEXT.exec(mail?.text ?? '')?.[1] ?? '';
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect([...code].every((ch) => SECURITY_CODE_ALPHABET.includes(ch))).toBe(true);
    // The explanation the instructivo gives: validity and the spam folder.
    expect(mail?.text).toMatch(/15 minutos/);
    expect(mail?.text).toMatch(/correos no deseados/);
    // Stored only as a hash, bound to the user and the address.
    const row = ((await server.dump()).email_security_codes as { user_id: string; email: string; code_hash: string }[]).find((r) => r.user_id === 'beto');
    expect(row?.email).toBe('beto.nuevo@example.com');
    expect(row?.code_hash).not.toContain(code);
  });

  it('codes differ from one request to the next', async () => {
    const token = await server.login('nico');
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      codes.add(await sendCode(server, token, `nico.${i}@example.com`));
      server.clock.advanceMinutes(1);
    }
    expect(codes.size).toBe(5);
  });

  it('an address already registered by another user → 409 EMAIL_UNAVAILABLE, no mail, nothing counted', async () => {
    const token = await server.login('carla');
    const before = (await stateOf(server));
    const res = await requestCode(server, token, 'mlopez@example.com');
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: 'EMAIL_UNAVAILABLE', message: ERROR_MESSAGES.EMAIL_UNAVAILABLE, fields: { email: ERROR_MESSAGES.EMAIL_UNAVAILABLE } });
    expect((await stateOf(server))).toEqual(before);
    // Not counted: a code can be requested right away.
    expect((await requestCode(server, token, 'carla.nueva@example.com')).status).toBe(202);
  });

  it('a second code within a minute → 429 RATE_LIMITED; after the minute it is sent', async () => {
    const token = await server.login('dario');
    expect((await requestCode(server, token, 'dario.1@example.com')).status).toBe(202);
    server.clock.advanceSeconds(59);
    const before = (await stateOf(server));
    const second = await requestCode(server, token, 'dario.2@example.com');
    expect(second.status).toBe(429);
    const error = await errorOf(second);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/minuto/);
    expect((await stateOf(server))).toEqual(before);
    server.clock.advanceSeconds(1);
    expect((await requestCode(server, token, 'dario.2@example.com')).status).toBe(202);
  });

  it('the sixth code within an hour → 429 RATE_LIMITED; once the first is an hour old it is sent', async () => {
    const token = await server.login('elena');
    for (let i = 1; i <= 5; i++) {
      expect((await requestCode(server, token, `elena.${i}@example.com`)).status, `code ${i}`).toBe(202);
      server.clock.advanceMinutes(10);
    }
    // 50 minutes after the first code.
    const sixth = await requestCode(server, token, 'elena.6@example.com');
    expect(sixth.status).toBe(429);
    expect((await errorOf(sixth)).code).toBe('RATE_LIMITED');
    server.clock.advanceMinutes(10);
    expect((await requestCode(server, token, 'elena.6@example.com')).status).toBe(202);
  });

  it('limits are per user: another user is not slowed down', async () => {
    const a = await server.login('fabian');
    const b = await server.login('gina');
    expect((await requestCode(server, a, 'fabian.x@example.com')).status).toBe(202);
    expect((await requestCode(server, b, 'gina.x@example.com')).status).toBe(202);
  });
});

describe('Ingrese código de seguridad (PUT /general-user/registration with keepEmail = false)', () => {
  it('the right code saves: email changed, version + 1, notice to the PREVIOUS address, audit names email', async () => {
    const { token, reg, code } = await codeSentTo('hugo', 'Hugo.Nuevo@Example.com');

    const res = await put(server, token, emailChangeBody(reg, 'Hugo.Nuevo@Example.com', code.toLowerCase()));
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = RegistrationSchema.parse(await res.json());
    expect(saved).toEqual({ ...reg, email: 'hugo.nuevo@example.com', version: reg.version + 1 });
    expect(await getRegistration(server, token)).toEqual(saved);

    const notices = (await mailsTo(server, 'hugo@example.com')).filter((m) => m.subject !== CODE_SUBJECT);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toMatch(/correo electrónico/);
    expect(notices[0]?.text).not.toContain(code);
    expect((await auditOf(server, 'hugo')).at(-1)).toMatchObject({ action: 'registration.update', fields: ['email'] });
  });

  it('the same code used again → 400 SECURITY_CODE_INVALID (single use)', async () => {
    const { token, reg, code } = await codeSentTo('ines', 'ines.b@example.com');
    expect((await put(server, token, emailChangeBody(reg, 'ines.b@example.com', code))).status).toBe(200);

    // A second session that still has the old version and the same code.
    const again = await put(server, token, emailChangeBody({ ...reg, version: reg.version + 1 }, 'ines.c@example.com', code));
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toEqual({ code: 'SECURITY_CODE_INVALID', message: ERROR_MESSAGES.SECURITY_CODE_INVALID, fields: { securityCode: ERROR_MESSAGES.SECURITY_CODE_INVALID } });
    expect((await getRegistration(server, token)).email).toBe('ines.b@example.com');
  });

  it('five wrong codes kill the code: even the right one then fails', async () => {
    const { token, reg, code } = await codeSentTo('jorge', 'jorge.b@example.com');
    for (let i = 1; i <= 5; i++) {
      const res = await put(server, token, emailChangeBody(reg, 'jorge.b@example.com', otherCode(code)));
      expect(res.status, `wrong try ${i}`).toBe(400);
      expect((await errorOf(res)).code).toBe('SECURITY_CODE_INVALID');
    }
    // The tries were recorded although every update failed.
    const row = ((await server.dump()).email_security_codes as { user_id: string; failed_tries: number }[]).find((r) => r.user_id === 'jorge');
    expect(row?.failed_tries).toBe(5);
    const right = await put(server, token, emailChangeBody(reg, 'jorge.b@example.com', code));
    expect(right.status).toBe(400);
    expect((await errorOf(right)).code).toBe('SECURITY_CODE_INVALID');
    expect((await getRegistration(server, token)).email).toBe('jorge@example.com');
  });

  it('four wrong codes, then the right one → saved', async () => {
    const { token, reg, code } = await codeSentTo('karen', 'karen.b@example.com');
    for (let i = 1; i <= 4; i++) expect((await put(server, token, emailChangeBody(reg, 'karen.b@example.com', otherCode(code)))).status).toBe(400);
    expect((await put(server, token, emailChangeBody(reg, 'karen.b@example.com', code))).status).toBe(200);
  });

  it('expired: 15 minutes and 1 second later → 410 SECURITY_CODE_EXPIRED (message says to request a new one)', async () => {
    const { token, reg, code } = await codeSentTo('luis', 'luis.b@example.com');
    server.clock.advanceMinutes(15);
    server.clock.advanceSeconds(1);
    const before = (await stateOf(server));
    const res = await put(server, token, emailChangeBody(reg, 'luis.b@example.com', code));
    expect(res.status).toBe(410);
    expect(await errorOf(res)).toEqual({ code: 'SECURITY_CODE_EXPIRED', message: ERROR_MESSAGES.SECURITY_CODE_EXPIRED, fields: { securityCode: ERROR_MESSAGES.SECURITY_CODE_EXPIRED } });
    expect((await server.dump()).users).toEqual(before.users);
  });

  it('a code is valid up to just before 15 minutes', async () => {
    server.clock.advanceMinutes(1);
    const { token, reg, code } = await codeSentTo('luis', 'luis.c@example.com');
    server.clock.advanceMinutes(14);
    server.clock.advanceSeconds(59);
    expect((await put(server, token, emailChangeBody(reg, 'luis.c@example.com', code))).status).toBe(200);
  });

  it('a code sent to another address does not work for this one', async () => {
    const { token, reg, code } = await codeSentTo('maria', 'maria.b@example.com');
    const res = await put(server, token, emailChangeBody(reg, 'maria.c@example.com', code));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('SECURITY_CODE_INVALID');
  });

  it('a new code replaces the previous one', async () => {
    server.clock.advanceMinutes(1);
    const { token, reg, code: first } = await codeSentTo('maria', 'maria.d@example.com');
    server.clock.advanceMinutes(1);
    const second = await sendCode(server, token, 'maria.d@example.com');
    expect((await put(server, token, emailChangeBody(reg, 'maria.d@example.com', first))).status).toBe(first === second ? 200 : 400);
    expect((await put(server, token, emailChangeBody(reg, 'maria.d@example.com', second))).status).toBe(first === second ? 409 : 200);
  });

  it('no code was ever requested → 400 SECURITY_CODE_INVALID', async () => {
    const token = await server.login('cvera');
    const reg = await getRegistration(server, token);
    const res = await put(server, token, emailChangeBody(reg, 'cvera.b@example.com', 'ABCD2345'));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('SECURITY_CODE_INVALID');
  });

  it('an address taken by another user meanwhile → 409 EMAIL_UNAVAILABLE at save time, the code stays usable', async () => {
    const fabian = await server.login('fabian');
    const gina = await server.login('gina');
    server.clock.advanceMinutes(1);
    const regF = await getRegistration(server, fabian);
    const regG = await getRegistration(server, gina);
    const codeF = await sendCode(server, fabian, 'disputado@example.com');
    const codeG = await sendCode(server, gina, 'disputado@example.com');
    expect((await put(server, gina, emailChangeBody(regG, 'disputado@example.com', codeG))).status).toBe(200);

    const res = await put(server, fabian, emailChangeBody(regF, 'disputado@example.com', codeF));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: 'EMAIL_UNAVAILABLE', message: ERROR_MESSAGES.EMAIL_UNAVAILABLE, fields: { email: ERROR_MESSAGES.EMAIL_UNAVAILABLE } });
    expect((await getRegistration(server, fabian)).email).toBe('fabian@example.com');
    const row = ((await server.dump()).email_security_codes as { user_id: string; spent_at: string | null }[]).find((r) => r.user_id === 'fabian');
    expect(row?.spent_at).toBeNull();
  });

  it('the registered address itself with "No" → 422 naming email (choose "Si")', async () => {
    const token = await server.login('cvera');
    const reg = await getRegistration(server, token);
    const res = await put(server, token, emailChangeBody(reg, 'CVera@example.com', 'ABCD2345'));
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields).toEqual({ email: MSG.emailSameAsCurrent });
  });

  it('latestCode helper reads the newest mail', async () => {
    await expect(latestCode(server, 'nobody@example.com')).rejects.toThrow(/no security code/);
  });
});
