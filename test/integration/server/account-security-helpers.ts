import { expect } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import {
  LoginChallengeSchema,
  LoginResponseSchema,
  RecoveryCodesSchema,
  TwoFactorEnrolmentSchema,
  type LoginChallenge,
  type LoginResponse,
} from '../../../src-shared/contract';
import { API, type TestServer } from './harness';
import { mailsTo } from './general-user-helpers';

export const PASSWORD_RESETS = `${API}/password-resets`;
export const FORCED_CHANGE = `${API}/general-user/password/forced-change`;
export const LOGIN_VERIFICATION = `${API}/sessions/verification`;
export const TWO_FACTOR = `${API}/general-user/two-factor`;
export const ENROLMENT = `${TWO_FACTOR}/enrolment`;
export const CONFIRMATION = `${TWO_FACTOR}/confirmation`;
export const TWO_FACTOR_OFF = `${TWO_FACTOR}/deactivation`;

export const KEY_SUBJECT = 'REINICIO DE CLAVE AUTOMÁTICA DE ECUAPASS';
export const KEY_USED_SUBJECT = 'AVISO DE INGRESO CON CLAVE AUTOMÁTICA EN ECUAPASS';
const KEY_IN_TEXT = /Clave automática: ([A-Z2-9]{14})/;

/** jperez's clone data (usersWith): the three fields of a full match. */
export function resetBodyOf(userId: string, overrides: Record<string, unknown> = {}) {
  return { userId, idDocument: '0924680135', email: `${userId}@example.com`, ...overrides };
}

export const requestReset = (server: TestServer, body: unknown) => server.send('POST', PASSWORD_RESETS, undefined, body);

/** The mail is sent after the 202: wait (briefly) for it to arrive in the sandbox mailbox. */
export async function waitForMails(server: TestServer, to: string, subject: string, count = 1): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const texts = (await mailsTo(server, to)).filter((m) => m.subject === subject).map((m) => m.text);
    if (texts.length >= count) return texts;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${subject} mail to ${to}`);
}

/** The key of the `count`-th automatic-key mail to `<userId>@example.com` (waits for it: it is sent after the 202). */
export async function automaticKeyMailed(server: TestServer, userId: string, count: number): Promise<string> {
  const texts = await waitForMails(server, `${userId}@example.com`, KEY_SUBJECT, count);
  const key = KEY_IN_TEXT.exec(texts[count - 1] ?? '')?.[1];
  if (!key) throw new Error('no automatic key in the mail');
  return key;
}

/** Requests a reset with the full match and returns the key from its mail. */
export async function automaticKeyFor(server: TestServer, userId: string): Promise<string> {
  const before = (await mailsTo(server, `${userId}@example.com`)).filter((m) => m.subject === KEY_SUBJECT).length;
  const res = await requestReset(server, resetBodyOf(userId));
  expect(res.status).toBe(202);
  return automaticKeyMailed(server, userId, before + 1);
}

/** POST /sessions, answered either way (201 session or 202 challenge). */
export async function logInAny(server: TestServer, userId: string, password: string): Promise<{ status: number; body: unknown }> {
  const res = await server.postSession({ userId, password });
  return { status: res.status, body: await res.json() };
}

export async function logInForSession(server: TestServer, userId: string, password: string): Promise<LoginResponse> {
  const { status, body } = await logInAny(server, userId, password);
  expect(status, JSON.stringify(body)).toBe(201);
  return LoginResponseSchema.parse(body);
}

export async function logInForChallenge(server: TestServer, userId: string, password: string): Promise<LoginChallenge> {
  const { status, body } = await logInAny(server, userId, password);
  expect(status, JSON.stringify(body)).toBe(202);
  return LoginChallengeSchema.parse(body);
}

export const verifyCode = (server: TestServer, challenge: string, code: string) => server.send('POST', LOGIN_VERIFICATION, undefined, { challenge, code });

/** The code an authenticator app shows for `secret` at `at` (the test's own TOTP, through the library). */
export function totpAt(secret: string, at: Date): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

/** Enrols and confirms two-step verification for the session's user; the secret and the recovery codes. */
export async function enrolTwoFactor(server: TestServer, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await server.send('POST', ENROLMENT, token, {});
  expect(started.status).toBe(201);
  const { secret } = TwoFactorEnrolmentSchema.parse(await started.json());
  const confirmed = await server.send('POST', CONFIRMATION, token, { code: totpAt(secret, server.clock.now()) });
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
  const { recoveryCodes } = RecoveryCodesSchema.parse(await confirmed.json());
  return { secret, recoveryCodes };
}
