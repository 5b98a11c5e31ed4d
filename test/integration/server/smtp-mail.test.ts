import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordVerifyResponseSchema } from '../../../src-shared/contract';
import { errorOf, startServer, type TestServer } from './harness';
import {
  CODE_IN_TEXT,
  CODE_SUBJECT,
  auditOf,
  emailChangeBody,
  getRegistration,
  keepEmailBody,
  put,
  requestCode,
  usersWith,
  verifyPassword,
} from './general-user-helpers';
import { startSmtpCapture } from './smtp-capture';

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startServer({ smtpUrl: smtp.url, users: usersWith('ana', 'beto', 'carla') });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const NEW_PASSWORD = 'Secreta#Nueva77';

describe('mail by SMTP (SMTP_URL set)', () => {
  it('a real SMTP server receives "ACTIVACIÓN DE CORREO ELECTRÓNICO" before the 202, and its code works in a PUT', async () => {
    const token = await server.login('ana');
    const reg = await getRegistration(server, token);
    const res = await requestCode(server, token, 'ana.smtp@example.com');
    expect(res.status, await res.clone().text()).toBe(202);
    // Already received when the 202 arrived: no waiting.
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['ana.smtp@example.com']);
    expect(mail?.subject).toBe(CODE_SUBJECT);
    const code = CODE_IN_TEXT.exec(mail?.text ?? '')?.[1] ?? '';
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    const saved = await put(server, token, emailChangeBody(reg, 'ana.smtp@example.com', code));
    expect(saved.status, await saved.clone().text()).toBe(200);
    // The notice goes to the previous address.
    const notice = smtp.received.at(-1);
    expect(notice?.to).toEqual(['ana@example.com']);
    expect(notice?.text).toMatch(/an\*\*\*\*@example\.com/);
  });

  it('no sandbox mailbox when SMTP_URL is set: GET /dev/mailbox → 404', async () => {
    const res = await server.request('/dev/mailbox');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
  });

  it('SMTP refusing the mail → a Spanish error (not 202), no code stored, and it does not count against the limit', async () => {
    const token = await server.login('beto');
    smtp.refuseNext();
    const before = (await server.dump());
    const res = await requestCode(server, token, 'beto.smtp@example.com');
    expect(res.status).toBe(503);
    const error = await errorOf(res);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/No se pudo enviar el correo electrónico/);
    expect((await server.dump())).toEqual(before);
    // Right away (same minute) a new request is sent: the failure took no slot.
    expect((await requestCode(server, token, 'beto.smtp@example.com')).status).toBe(202);
  });

  it('SMTP server down (connection refused) → 503 with the Spanish message, nothing counted', async () => {
    const downSmtp = await startSmtpCapture();
    await downSmtp.close();
    const down = await startServer({ smtpUrl: downSmtp.url });
    try {
      const token = await down.login('jperez');
      for (let i = 0; i < 3; i++) {
        const res = await requestCode(down, token, 'jperez.nuevo@example.com');
        expect(res.status).toBe(503);
        expect((await errorOf(res)).message).toMatch(/Intente nuevamente/);
      }
      expect((await down.dump()).security_code_sends).toEqual([]);
      expect((await down.dump()).email_security_codes).toEqual([]);
    } finally {
      await down.close();
    }
  });

  it('the audit rows name fields only; the new password, the code and the ticket are nowhere in the database file', async () => {
    const token = await server.login('carla');
    const reg = await getRegistration(server, token);
    const verify = await verifyPassword(server, token, 'Aduana#2026');
    const { ticket } = PasswordVerifyResponseSchema.parse(await verify.json());
    expect((await requestCode(server, token, 'carla.smtp@example.com')).status).toBe(202);
    const code = CODE_IN_TEXT.exec(smtp.received.at(-1)?.text ?? '')?.[1] ?? '';
    // One wrong try first, so the failed-try path writes too.
    expect((await put(server, token, emailChangeBody(reg, 'carla.smtp@example.com', code === 'ABCD2345' ? 'ABCD2346' : 'ABCD2345'))).status).toBe(400);
    const res = await put(server, token, {
      ...emailChangeBody(reg, 'carla.smtp@example.com', code),
      passwordChange: { ticket, newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await auditOf(server, 'carla')).at(-1)).toMatchObject({ action: 'registration.update', fields: ['email', 'password'] });

    const bytes = (await server.dbBytes());
    for (const secret of [NEW_PASSWORD, code, ticket]) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    const audit = JSON.stringify((await server.dump()).audit_log);
    for (const secret of [NEW_PASSWORD, code, ticket]) expect(audit).not.toContain(secret);
    // And the new password works.
    expect((await server.postSession({ userId: 'carla', password: NEW_PASSWORD })).status).toBe(201);
    // One notice to the previous address naming both changes.
    const notice = smtp.received.at(-1);
    expect(notice?.to).toEqual(['carla@example.com']);
    expect(notice?.text).toMatch(/correo electrónico registrado se cambió/);
    expect(notice?.text).toMatch(/contraseña fue cambiada/);
    expect(notice?.text).not.toContain(NEW_PASSWORD);
  });

  it('keepEmail saves send no mail at all', async () => {
    const token = await server.login('cvera');
    const count = smtp.received.length;
    const reg = await getRegistration(server, token);
    expect((await put(server, token, keepEmailBody(reg, { fax: null }))).status).toBe(200);
    expect(smtp.received.length).toBe(count);
  });
});
