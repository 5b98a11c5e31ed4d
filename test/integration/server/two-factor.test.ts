import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, LoginResponseSchema, TwoFactorEnrolmentSchema, TwoFactorStatusSchema } from '../../../src-shared/contract';
import { DEMO_PASSWORD, errorOf, serverForFile } from './harness';
import { REGISTRATION, usersWith } from './general-user-helpers';
import {
  CONFIRMATION,
  ENROLMENT,
  TWO_FACTOR,
  TWO_FACTOR_OFF,
  automaticKeyFor,
  enrolTwoFactor,
  logInForChallenge,
  logInForSession,
  totpAt,
  verifyCode,
} from './account-security-helpers';

const server = serverForFile({ users: usersWith('tenrol', 'tlogin', 'tlock', 'trecov', 'toff', 'treset', 'tpending', 'treplay'), generalUserLimits: { resetAnswerMs: 0 } });

const WRONG_CODE = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

describe('two-step verification (TOTP)', () => {
  it('enrolment: an otpauth:// URI and a pending secret; one right code turns it on and answers 10 recovery codes once', async () => {
    const token = await server.login('tenrol');
    const status0 = TwoFactorStatusSchema.parse(await (await server.request(TWO_FACTOR, { token })).json());
    expect(status0).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    const res = await server.send('POST', ENROLMENT, token, {});
    expect(res.status).toBe(201);
    const { secret, otpauthUri } = TwoFactorEnrolmentSchema.parse(await res.json());
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Ecuapass:tenrol\?/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toContain('issuer=Ecuapass');
    // Pending: the login does not ask for a code yet.
    expect((await logInForSession(server, 'tenrol', DEMO_PASSWORD)).token).toBeTruthy();

    const wrong = await server.send('POST', CONFIRMATION, token, { code: WRONG_CODE(totpAt(secret, server.clock.now())) });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('VERIFICATION_CODE_INVALID');

    const ok = await server.send('POST', CONFIRMATION, token, { code: totpAt(secret, server.clock.now()) });
    expect(ok.status).toBe(200);
    const { recoveryCodes } = (await ok.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    const dump = JSON.stringify({ ...(await server.dump()), sandbox_mailbox: [] });
    for (const c of recoveryCodes) expect(dump).not.toContain(c.replace(/-/g, ''));
    const status = TwoFactorStatusSchema.parse(await (await server.request(TWO_FACTOR, { token })).json());
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Already on: no new enrolment, no second confirmation.
    expect((await server.send('POST', ENROLMENT, token, {})).status).toBe(409);
  });

  it('a new enrolment replaces the pending secret', async () => {
    const token = await server.login('tpending');
    const first = TwoFactorEnrolmentSchema.parse(await (await server.send('POST', ENROLMENT, token, {})).json());
    const second = TwoFactorEnrolmentSchema.parse(await (await server.send('POST', ENROLMENT, token, {})).json());
    expect(second.secret).not.toBe(first.secret);
    expect((await server.send('POST', CONFIRMATION, token, { code: totpAt(first.secret, server.clock.now()) })).status).toBe(401);
    expect((await server.send('POST', CONFIRMATION, token, { code: totpAt(second.secret, server.clock.now()) })).status).toBe(200);
  });

  it('login with it on: the password answers 202 with a challenge; the right code opens the session', async () => {
    const { secret } = await enrolTwoFactor(server, await server.login('tlogin'));
    server.clock.advanceSeconds(30);
    const challenge = await logInForChallenge(server, 'tlogin', DEMO_PASSWORD);
    expect(challenge.verificationRequired).toBe(true);
    // The wrong password is still a plain 401 (no challenge).
    expect((await server.postSession({ userId: 'tlogin', password: 'Wrong#Pass1' })).status).toBe(401);
    const res = await verifyCode(server, challenge.challenge, totpAt(secret, server.clock.now()));
    expect(res.status).toBe(201);
    const session = LoginResponseSchema.parse(await res.json());
    expect((await server.request(REGISTRATION, { token: session.token })).status).toBe(200);
    // The challenge is spent.
    const again = await verifyCode(server, challenge.challenge, totpAt(secret, server.clock.now()));
    expect(again.status).toBe(401);
    expect(await errorOf(again)).toEqual({ code: 'VERIFICATION_EXPIRED', message: ERROR_MESSAGES.VERIFICATION_EXPIRED });
  });

  it('a code is accepted once (no replay within its 30 s), and a challenge lives 5 minutes', async () => {
    const { secret } = await enrolTwoFactor(server, await server.login('treplay'));
    server.clock.advanceSeconds(30);
    const code = totpAt(secret, server.clock.now());
    const first = await logInForChallenge(server, 'treplay', DEMO_PASSWORD);
    expect((await verifyCode(server, first.challenge, code)).status).toBe(201);
    const second = await logInForChallenge(server, 'treplay', DEMO_PASSWORD);
    expect((await verifyCode(server, second.challenge, code)).status).toBe(401);
    server.clock.advanceMinutes(5);
    expect((await verifyCode(server, second.challenge, totpAt(secret, server.clock.now()))).status).toBe(401);
    expect((await errorOf(await verifyCode(server, second.challenge, totpAt(secret, server.clock.now())))).code).toBe('VERIFICATION_EXPIRED');
  });

  it('wrong codes count toward the login lockout: password try + 4 wrong codes → 423, even the right code', async () => {
    const { secret } = await enrolTwoFactor(server, await server.login('tlock'));
    server.clock.advanceSeconds(30);
    const { challenge } = await logInForChallenge(server, 'tlock', DEMO_PASSWORD);
    const right = totpAt(secret, server.clock.now());
    for (let i = 0; i < 3; i++) {
      const res = await verifyCode(server, challenge, WRONG_CODE(right));
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toEqual({ code: 'VERIFICATION_CODE_INVALID', message: ERROR_MESSAGES.VERIFICATION_CODE_INVALID, fields: { code: ERROR_MESSAGES.VERIFICATION_CODE_INVALID } });
    }
    expect((await verifyCode(server, challenge, WRONG_CODE(right))).status).toBe(423);
    expect((await verifyCode(server, challenge, right)).status).toBe(423);
    expect((await server.postSession({ userId: 'tlock', password: DEMO_PASSWORD })).status).toBe(423);
    server.clock.advanceMinutes(15);
    const fresh = await logInForChallenge(server, 'tlock', DEMO_PASSWORD);
    expect((await verifyCode(server, fresh.challenge, totpAt(secret, server.clock.now()))).status).toBe(201);
  });

  it('a recovery code logs in once (in any case, with or without dashes)', async () => {
    const { recoveryCodes } = await enrolTwoFactor(server, await server.login('trecov'));
    const code = recoveryCodes[3] ?? '';
    const first = await logInForChallenge(server, 'trecov', DEMO_PASSWORD);
    const res = await verifyCode(server, first.challenge, code.toLowerCase().replace(/-/g, ' '));
    expect(res.status).toBe(201);
    const token = LoginResponseSchema.parse(await res.json()).token;
    const second = await logInForChallenge(server, 'trecov', DEMO_PASSWORD);
    expect((await verifyCode(server, second.challenge, code)).status).toBe(401);
    expect(TwoFactorStatusSchema.parse(await (await server.request(TWO_FACTOR, { token })).json()).recoveryCodesLeft).toBe(9);
    const { audit_log } = (await server.dump()) as { audit_log: { user_id: string; action: string }[] };
    expect(audit_log.filter((a) => a.user_id === 'trecov').map((a) => a.action)).toContain('two_factor.recovery_code_used');
  });

  it('turning it off needs the password and a code; then the login asks no code', async () => {
    const token = await server.login('toff');
    const { secret } = await enrolTwoFactor(server, token);
    server.clock.advanceSeconds(30);
    const code = totpAt(secret, server.clock.now());
    const before = await server.dump();
    const wrongPassword = await server.send('POST', TWO_FACTOR_OFF, token, { password: 'Wrong#Pass1', code });
    expect(wrongPassword.status).toBe(401);
    expect((await errorOf(wrongPassword)).fields).toEqual({ password: 'La contraseña no es correcta.' });
    const wrongCode = await server.send('POST', TWO_FACTOR_OFF, token, { password: DEMO_PASSWORD, code: WRONG_CODE(code) });
    expect(wrongCode.status).toBe(401);
    expect((await errorOf(wrongCode)).code).toBe('VERIFICATION_CODE_INVALID');
    const missing = await server.send('POST', TWO_FACTOR_OFF, token, { password: DEMO_PASSWORD });
    expect(missing.status).toBe(422);
    const after = await server.dump();
    expect(after.two_factor).toEqual(before.two_factor);
    expect(after.recovery_codes).toEqual(before.recovery_codes);

    expect((await server.send('POST', TWO_FACTOR_OFF, token, { password: DEMO_PASSWORD, code })).status).toBe(204);
    expect(TwoFactorStatusSchema.parse(await (await server.request(TWO_FACTOR, { token })).json()).enabled).toBe(false);
    expect((await logInForSession(server, 'toff', DEMO_PASSWORD)).passwordChangeRequired).toBe(false);
    expect((await server.send('POST', TWO_FACTOR_OFF, token, { password: DEMO_PASSWORD, code })).status).toBe(409);
  });

  it('Reiniciar clave does not turn it off: the automatic key also needs the code, and the session must change the password', async () => {
    const { secret } = await enrolTwoFactor(server, await server.login('treset'));
    const key = await automaticKeyFor(server, 'treset');
    server.clock.advanceSeconds(30);
    const { challenge } = await logInForChallenge(server, 'treset', key);
    const res = await verifyCode(server, challenge, totpAt(secret, server.clock.now()));
    expect(res.status).toBe(201);
    const session = LoginResponseSchema.parse(await res.json());
    expect(session.passwordChangeRequired).toBe(true);
    expect((await server.request(TWO_FACTOR, { token: session.token })).status).toBe(403);
    const rows = (await server.dump()).two_factor as { user_id: string; secret: string | null }[];
    expect(rows.find((r) => r.user_id === 'treset')?.secret).toBe(secret);
  });
});
