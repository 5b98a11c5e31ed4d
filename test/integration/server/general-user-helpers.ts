import { expect } from 'vitest';
import { RegistrationSchema, type MailboxEntry, type Registration } from '../../../src-shared/contract';
import { loadSeed } from '../../../src-server/seed/load-seed';
import type { SeedUser } from '../../../src-server/seed/seed-schema';
import { API, DEMO_USERS_FILE, errorOf, type TestServer } from './harness';

export const REGISTRATION = `${API}/general-user/registration`;
export const VERIFY = `${API}/general-user/password/verify`;
export const AVAILABILITY = `${API}/general-user/email/availability`;
export const SECURITY_CODE = `${API}/general-user/email/security-code`;
export const DEACTIVATION = `${API}/general-user/deactivation`;

export const CODE_SUBJECT = 'ACTIVACIÓN DE CORREO ELECTRÓNICO';
export const CODE_IN_TEXT = /Código de seguridad: ([A-Z0-9]{8})/;

/**
 * The demo users plus clones of jperez (Ecuador) under other IDs, so each test can own a user
 * and its rate limits. A clone's address is `<id>@example.com`.
 */
export function usersWith(...extraIds: string[]): SeedUser[] {
  const demo = loadSeed(DEMO_USERS_FILE);
  const jperez = demo.find((u) => u.userId === 'jperez');
  if (!jperez) throw new Error('demo user jperez missing');
  return [...demo, ...extraIds.map((userId) => ({ ...jperez, userId, email: `${userId}@example.com` }))];
}

export async function getRegistration(server: TestServer, token: string): Promise<Registration> {
  const res = await server.request(REGISTRATION, { token });
  expect(res.status).toBe(200);
  return RegistrationSchema.parse(await res.json());
}

type Editable = Omit<Registration, 'userId' | 'idDocument' | 'senaeEmail' | 'email'>;

/** A PUT body that keeps everything as stored ("Desea mantener el mismo correo electrónico: Si"). */
export function keepEmailBody(reg: Registration, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const editable: Editable = {
    version: reg.version,
    name: reg.name,
    country: reg.country,
    province: reg.province,
    city: reg.city,
    phone1: reg.phone1,
    phone2: reg.phone2,
    mobile: reg.mobile,
    fax: reg.fax,
  };
  return { ...editable, keepEmail: true, ...overrides };
}

/** A PUT body that changes the address ("No", both email fields and the security code). */
export function emailChangeBody(reg: Registration, email: string, securityCode: string, overrides: Record<string, unknown> = {}) {
  return keepEmailBody(reg, { keepEmail: false, email, emailConfirmation: email, securityCode, ...overrides });
}

export const put = (server: TestServer, token: string, body: unknown) => server.send('PUT', REGISTRATION, token, body);
export const requestCode = (server: TestServer, token: string, email: string) => server.send('POST', SECURITY_CODE, token, { email });
export const verifyPassword = (server: TestServer, token: string, currentPassword: string) =>
  server.send('POST', VERIFY, token, { currentPassword });

/** Mails of the sandbox mailbox sent to `to`, oldest first. */
export async function mailsTo(server: TestServer, to: string): Promise<MailboxEntry[]> {
  return (await server.mailbox()).filter((m) => m.to === to);
}

/** The code of the newest security-code mail to `to`. */
export async function latestCode(server: TestServer, to: string): Promise<string> {
  const mail = (await mailsTo(server, to)).filter((m) => m.subject === CODE_SUBJECT).at(-1);
  const code = mail ? CODE_IN_TEXT.exec(mail.text)?.[1] : undefined;
  if (!code) throw new Error(`no security code mailed to ${to}`);
  return code;
}

/** Requests a code for `email` (expects 202) and returns it from the mailbox. */
export async function sendCode(server: TestServer, token: string, email: string): Promise<string> {
  const res = await requestCode(server, token, email);
  expect(res.status, await res.clone().text()).toBe(202);
  // The backend stores and sends addresses in lower case.
  return latestCode(server, email.trim().toLowerCase());
}

/** A code of the right shape that is certainly not `code`. */
export function otherCode(code: string): string {
  return (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
}

export async function auditOf(server: TestServer, userId: string): Promise<{ action: string; fields: string[]; at: string }[]> {
  return ((await server.dump()).audit_log as { user_id: string; action: string; fields: string; at: string }[])
    .filter((a) => a.user_id === userId)
    .map((a) => ({ action: a.action, fields: JSON.parse(a.fields) as string[], at: a.at }));
}

/**
 * The database without the sessions' last_seen_at, which every authenticated request refreshes
 * (so it moves whenever the fake clock did): what a refused request must leave untouched.
 */
export async function stateOf(server: TestServer) {
  const dump = await server.dump();
  return { ...dump, sessions: (dump.sessions as Record<string, unknown>[]).map(({ last_seen_at: _seen, ...rest }) => rest) };
}

/**
 * Sends a request that must be refused as 422 VALIDATION_FAILED naming exactly `field`, and checks that nothing
 * stored changed; returns the error for the caller's own checks of its message.
 */
export async function expectFieldRefused(server: TestServer, field: string, send: () => Promise<Response>) {
  const before = await stateOf(server);
  const res = await send();
  expect(res.status).toBe(422);
  const error = await errorOf(res);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(Object.keys(error.fields ?? {})).toEqual([field]);
  expect(await stateOf(server)).toEqual(before);
  return error;
}
