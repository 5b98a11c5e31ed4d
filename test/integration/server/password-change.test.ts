import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, PasswordVerifyResponseSchema } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { DEMO_PASSWORD, errorOf, serverForFile } from './harness';
import { auditOf, getRegistration, keepEmailBody, mailsTo, put, stateOf, usersWith, verifyPassword } from './general-user-helpers';

const server = serverForFile({ users: usersWith('ana', 'beto', 'carla', 'dario', 'elena', 'fabian', 'gina') });

const NEW_PASSWORD = 'Nueva#Clave2026';
const WRONG = 'Wrong#Pass1';

async function ticketFor(token: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await verifyPassword(server, token, password);
  expect(res.status, await res.clone().text()).toBe(200);
  return PasswordVerifyResponseSchema.parse(await res.json()).ticket;
}

const passwordBody = (reg: Parameters<typeof keepEmailBody>[0], ticket: string, newPassword = NEW_PASSWORD, confirmation = newPassword) =>
  keepEmailBody(reg, { passwordChange: { ticket, newPassword, confirmation } });

describe('Contraseña anterior + Verificar contraseña (POST /general-user/password/verify)', () => {
  it('the right current password → 200 {ticket, expiresAt = now + 10 min}; only the ticket hash is stored', async () => {
    const token = await server.login('ana');
    const res = await verifyPassword(server, token, DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const body = PasswordVerifyResponseSchema.parse(await res.json());
    expect(body.expiresAt).toBe(new Date(server.clock.now().getTime() + 10 * 60_000).toISOString());
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await server.dbBytes()).includes(Buffer.from(body.ticket))).toBe(false);
  });

  it('a wrong current password → 401 WRONG_PASSWORD', async () => {
    const token = await server.login('ana');
    const res = await verifyPassword(server, token, WRONG);
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'WRONG_PASSWORD', message: ERROR_MESSAGES.WRONG_PASSWORD, fields: { currentPassword: ERROR_MESSAGES.WRONG_PASSWORD } });
    // The session is not touched by a wrong current password.
    expect((await server.request('/api/v1/sessions/current', { token })).status).toBe(200);
  });

  it('5 wrong in a row → 429 RATE_LIMITED, even with the right one; 15 minutes later it works', async () => {
    const token = await server.login('beto');
    for (let i = 1; i <= 4; i++) expect((await verifyPassword(server, token, WRONG)).status, `wrong ${i}`).toBe(401);
    const fifth = await verifyPassword(server, token, WRONG);
    expect(fifth.status).toBe(429);
    expect((await errorOf(fifth)).code).toBe('RATE_LIMITED');
    const right = await verifyPassword(server, token, DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect((await errorOf(right)).message).toMatch(/15 minutos/);
    // Login is a separate count: the user can still log in.
    const other = await server.login('beto');
    server.clock.advanceMinutes(14);
    expect((await verifyPassword(server, other, DEMO_PASSWORD)).status).toBe(429);
    server.clock.advanceMinutes(1);
    expect((await verifyPassword(server, other, DEMO_PASSWORD)).status).toBe(200);
  });

  it('a success resets the count of wrong passwords', async () => {
    const token = await server.login('carla');
    for (let i = 1; i <= 4; i++) expect((await verifyPassword(server, token, WRONG)).status).toBe(401);
    expect((await verifyPassword(server, token, DEMO_PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 4; i++) expect((await verifyPassword(server, token, WRONG)).status).toBe(401);
    expect((await verifyPassword(server, token, DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('Contraseña + Confirmación de contraseña (PUT with passwordChange)', () => {
  it('verify → ticket → Modificar: the new password logs in, the old one no longer does; notice, audit without secrets', async () => {
    const token = await server.login('dario');
    const reg = await getRegistration(server, token);
    const ticket = await ticketFor(token);
    const res = await put(server, token, passwordBody(reg, ticket));
    expect(res.status, await res.clone().text()).toBe(200);

    expect((await server.postSession({ userId: 'dario', password: NEW_PASSWORD })).status).toBe(201);
    const old = await server.postSession({ userId: 'dario', password: DEMO_PASSWORD });
    expect(old.status).toBe(401);
    expect((await errorOf(old)).code).toBe('INVALID_CREDENTIALS');

    const notices = await mailsTo(server, 'dario@example.com');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toMatch(/contraseña fue cambiada/);
    expect(notices[0]?.text).not.toContain(NEW_PASSWORD);
    expect((await auditOf(server, 'dario')).filter((a) => a.action === 'registration.update').at(-1)).toMatchObject({ action: 'registration.update', fields: ['password'] });
    const bytes = (await server.dbBytes());
    expect(bytes.includes(Buffer.from(NEW_PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(ticket))).toBe(false);
  });

  it('a ticket reused after a successful update → 403 PASSWORD_TICKET_INVALID', async () => {
    const token = await server.login('elena');
    const reg = await getRegistration(server, token);
    const ticket = await ticketFor(token);
    expect((await put(server, token, passwordBody(reg, ticket))).status).toBe(200);
    const again = await put(server, token, passwordBody({ ...reg, version: reg.version + 1 }, ticket, 'Otra#Clave2027'));
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toEqual({ code: 'PASSWORD_TICKET_INVALID', message: ERROR_MESSAGES.PASSWORD_TICKET_INVALID, fields: { currentPassword: ERROR_MESSAGES.PASSWORD_TICKET_INVALID } });
  });

  it('a ticket 10 minutes old → 403 PASSWORD_TICKET_INVALID, nothing changes', async () => {
    const token = await server.login('fabian');
    const ticket = await ticketFor(token);
    server.clock.advanceMinutes(9);
    const reg = await getRegistration(server, token);
    server.clock.advanceMinutes(1);
    const before = (await stateOf(server));
    const res = await put(server, token, passwordBody(reg, ticket));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('PASSWORD_TICKET_INVALID');
    expect((await stateOf(server))).toEqual(before);
  });

  it("another user's ticket → 403 (a ticket is bound to its user)", async () => {
    const mine = await server.login('gina');
    const theirs = await server.login('ana');
    const reg = await getRegistration(server, mine);
    const res = await put(server, mine, passwordBody(reg, await ticketFor(theirs)));
    expect(res.status).toBe(403);
  });

  it('the new password equal to the current one → 422 naming passwordChange.newPassword; the ticket is not spent', async () => {
    const token = await server.login('gina');
    const reg = await getRegistration(server, token);
    const ticket = await ticketFor(token);
    const res = await put(server, token, passwordBody(reg, ticket, DEMO_PASSWORD));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      code: 'VALIDATION_FAILED',
      message: ERROR_MESSAGES.VALIDATION_FAILED,
      fields: { 'passwordChange.newPassword': MSG.passwordSameAsCurrent },
    });
    expect((await put(server, token, passwordBody(reg, ticket))).status).toBe(200);
  });

  it('without a live ticket the "same as current" check is not reached (no password oracle): 403', async () => {
    const token = await server.login('carla');
    const reg = await getRegistration(server, token);
    const res = await put(server, token, passwordBody(reg, 'not-a-ticket', DEMO_PASSWORD));
    expect(res.status).toBe(403);
  });
});
