import { describe, expect, it } from 'vitest';
import { CurrentSessionResponseSchema, ERROR_MESSAGES, RESET_MSG } from '../../../src-shared/contract';
import { API, DEMO_PASSWORD, errorOf, serverForFile } from './harness';
import { DEACTIVATION, REGISTRATION, mailsTo, usersWith } from './general-user-helpers';
import {
  FORCED_CHANGE,
  KEY_SUBJECT,
  KEY_USED_SUBJECT,
  automaticKeyFor,
  logInForSession,
  requestReset,
  resetBodyOf,
  waitForMails,
} from './account-security-helpers';

const USERS = ['rbaja', 'rmatch', 'rtime', 'rdeact', 'rsingle', 'rexpire', 'rforced', 'rlock', 'rtries', 'rold', 'rnotice'];
// Answers wait 150 ms; many requests come from one address and ID, so the limits are raised except where tested.
const server = serverForFile({ users: usersWith(...USERS), generalUserLimits: { resetAnswerMs: 150, resetsPerAddress: 1000, resetsPerUser: 1000 } });

const WRONG = 'Wrong#Pass1';
const NEW_PASSWORD = 'Nueva#Clave2027';

describe('POST /api/v1/password-resets (Reiniciar clave)', () => {
  it('a full match: 202 with the neutral message, and a mail with a 14-character key stored only as a hash', async () => {
    const res = await requestReset(server, resetBodyOf('rmatch'));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ message: RESET_MSG.accepted });
    const [text] = await waitForMails(server, 'rmatch@example.com', KEY_SUBJECT);
    const key = /Clave automática: ([A-Z2-9]{14})/.exec(text ?? '')?.[1];
    expect(key).toBeDefined();
    // Only its salted hash is stored (the sandbox mailbox is the user's inbox, which holds the mail).
    const dump = (await server.dump()) as { audit_log: { user_id: string; action: string }[]; password_resets: { key_hash: string }[] };
    const { audit_log } = dump;
    expect(JSON.stringify({ ...dump, sandbox_mailbox: [] })).not.toContain(key);
    expect(dump.password_resets).toHaveLength(1);
    expect(audit_log.some((a) => a.user_id === 'rmatch' && a.action === 'password_reset.requested')).toBe(true);
  });

  it('match, no match, unknown ID and deactivated user answer alike (status, body, time); mail only on the match', async () => {
    await server.sql("UPDATE users SET deactivated_at = ?, deactivation_reason = 'Baja de prueba del usuario' WHERE user_id = 'rdeact'", server.clock.now().toISOString());
    const cases = {
      match: resetBodyOf('rtime'),
      wrongDocument: resetBodyOf('rtime', { idDocument: '1708642135' }),
      wrongEmail: resetBodyOf('rtime', { email: 'otra@example.com' }),
      unknown: resetBodyOf('nadie-aqui'),
      deactivated: resetBodyOf('rdeact'),
    };
    const times: Record<string, number[]> = {};
    const bodies = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const [name, body] of Object.entries(cases)) {
        const t0 = performance.now();
        const res = await requestReset(server, body);
        bodies.add(`${res.status} ${await res.text()}`);
        (times[name] ??= []).push(performance.now() - t0);
      }
    }
    expect([...bodies]).toEqual([`202 ${JSON.stringify({ message: RESET_MSG.accepted })}`]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const matchMs = median(times.match ?? []);
    for (const [name, xs] of Object.entries(times)) {
      expect(median(xs), name).toBeGreaterThan(matchMs * 0.5);
      expect(median(xs), name).toBeLessThan(matchMs * 2);
      expect(Math.min(...xs), name).toBeGreaterThanOrEqual(145);
    }
    await waitForMails(server, 'rtime@example.com', KEY_SUBJECT, 2);
    await new Promise((r) => setTimeout(r, 100));
    expect((await mailsTo(server, 'rtime@example.com')).length).toBe(2);
    expect(await mailsTo(server, 'rdeact@example.com')).toEqual([]);
    expect(await mailsTo(server, 'otra@example.com')).toEqual([]);
  });

  it('shape only: a bad cédula, a missing field or an unknown key → 422 naming the field, nothing stored', async () => {
    const before = await server.dump();
    const badCedula = await requestReset(server, resetBodyOf('rmatch', { idDocument: '0924680136' }));
    expect(badCedula.status).toBe(422);
    expect((await errorOf(badCedula)).fields).toEqual({ idDocument: 'El número de cédula no es válido.' });
    const missing = await requestReset(server, { userId: 'rmatch', idDocument: '0924680135' });
    expect(missing.status).toBe(422);
    expect(Object.keys((await errorOf(missing)).fields ?? {})).toEqual(['email']);
    const extra = await requestReset(server, { ...resetBodyOf('rmatch'), password: 'x' });
    expect(extra.status).toBe(422);
    expect(await server.dump()).toEqual(before);
  });

  it('login with the key → must-change session: only the forced change (and GET/DELETE /sessions/current) answer', async () => {
    const key = await automaticKeyFor(server, 'rforced');
    const other = await server.login('rforced');
    // Before the key is used the old password still works.
    expect((await server.request(REGISTRATION, { token: other })).status).toBe(200);

    const session = await logInForSession(server, 'rforced', key.toLowerCase());
    expect(session.passwordChangeRequired).toBe(true);
    // The key ended every other session and the old password.
    expect((await server.request(REGISTRATION, { token: other })).status).toBe(401);
    expect((await server.postSession({ userId: 'rforced', password: DEMO_PASSWORD })).status).toBe(401);
    await waitForMails(server, 'rforced@example.com', KEY_USED_SUBJECT);

    const blocked = await server.request(REGISTRATION, { token: session.token });
    expect(blocked.status).toBe(403);
    expect(await errorOf(blocked)).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: ERROR_MESSAGES.PASSWORD_CHANGE_REQUIRED });
    const current = await server.request(`${API}/sessions/current`, { token: session.token });
    expect(CurrentSessionResponseSchema.parse(await current.json()).passwordChangeRequired).toBe(true);

    // The usual password rules; nothing changes on a refusal.
    const weak = await server.send('POST', FORCED_CHANGE, session.token, { newPassword: 'corta', confirmation: 'corta' });
    expect(weak.status).toBe(422);
    expect(Object.keys((await errorOf(weak)).fields ?? {})).toEqual(['newPassword']);
    const mismatch = await server.send('POST', FORCED_CHANGE, session.token, { newPassword: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}x` });
    expect(Object.keys((await errorOf(mismatch)).fields ?? {})).toEqual(['confirmation']);
    const withId = await server.send('POST', FORCED_CHANGE, session.token, { newPassword: 'Rforced#2027', confirmation: 'Rforced#2027' });
    expect(withId.status).toBe(422);

    // Nothing was set by the refusals.
    expect((await server.postSession({ userId: 'rforced', password: NEW_PASSWORD })).status).toBe(401);

    const changed = await server.send('POST', FORCED_CHANGE, session.token, { newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await server.request(REGISTRATION, { token: session.token })).status).toBe(200);
    // Once done, the same route refuses (a normal session changes its password in "Modificar").
    const again = await server.send('POST', FORCED_CHANGE, session.token, { newPassword: 'Otra#Clave2028', confirmation: 'Otra#Clave2028' });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('PASSWORD_CHANGE_NOT_REQUIRED');
    expect((await logInForSession(server, 'rforced', NEW_PASSWORD)).passwordChangeRequired).toBe(false);
    const notice = (await mailsTo(server, 'rforced@example.com')).filter((m) => m.subject === 'AVISO DE MODIFICACIÓN DE REGISTRO EN ECUAPASS');
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).toContain('La contraseña fue cambiada.');
    const { audit_log } = (await server.dump()) as { audit_log: { user_id: string; action: string; fields: string }[] };
    expect(audit_log.filter((a) => a.user_id === 'rforced' && a.action.startsWith('password_reset.')).map((a) => a.action)).toEqual([
      'password_reset.requested',
      'password_reset.used',
      'password_reset.completed',
    ]);
    expect(audit_log.every((a) => !a.fields.includes(key))).toBe(true);
  });

  it('the key is single use', async () => {
    const key = await automaticKeyFor(server, 'rsingle');
    await logInForSession(server, 'rsingle', key);
    const reuse = await server.postSession({ userId: 'rsingle', password: key });
    expect(reuse.status).toBe(401);
    expect((await errorOf(reuse)).code).toBe('INVALID_CREDENTIALS');
  });

  it('the key expires after 30 minutes; a new request replaces the previous key', async () => {
    const first = await automaticKeyFor(server, 'rexpire');
    const second = await automaticKeyFor(server, 'rexpire');
    expect((await server.postSession({ userId: 'rexpire', password: first })).status).toBe(401);
    server.clock.advanceMinutes(30);
    expect((await server.postSession({ userId: 'rexpire', password: second })).status).toBe(401);
    // Unused, the old password still works.
    expect((await server.postSession({ userId: 'rexpire', password: DEMO_PASSWORD })).status).toBe(201);
  });

  it('the old password stays valid until the key is used', async () => {
    await automaticKeyFor(server, 'rold');
    expect((await logInForSession(server, 'rold', DEMO_PASSWORD)).passwordChangeRequired).toBe(false);
  });

  it('a lockout from wrong passwords does not stop the key', async () => {
    for (let i = 0; i < 5; i++) await server.postSession({ userId: 'rlock', password: WRONG });
    expect((await server.postSession({ userId: 'rlock', password: DEMO_PASSWORD })).status).toBe(423);
    const key = await automaticKeyFor(server, 'rlock');
    // A wrong key while locked is still 423.
    expect((await server.postSession({ userId: 'rlock', password: 'ABCDEFGHJKLMNP' })).status).toBe(423);
    expect((await logInForSession(server, 'rlock', key)).passwordChangeRequired).toBe(true);
  });

  it('five wrong keys kill the key (counted before the check)', async () => {
    const key = await automaticKeyFor(server, 'rtries');
    for (let i = 0; i < 5; i++) {
      await server.clearAttempts();
      expect((await server.postSession({ userId: 'rtries', password: 'ABCDEFGHJKLMNP' })).status).toBe(401);
    }
    await server.clearAttempts();
    expect((await server.postSession({ userId: 'rtries', password: key })).status).toBe(401);
  });

});

describe('POST /api/v1/password-resets per ID.usuario', () => {
  const perUser = serverForFile({ users: usersWith('rlimit'), generalUserLimits: { resetAnswerMs: 0, resetsPerAddress: 1000 } });

  it('rate limits: 3 requests per ID.usuario (known or not), then 429 for an hour', async () => {
    for (const userId of ['rlimit', 'no-existe-nunca']) {
      for (let i = 0; i < 3; i++) expect((await requestReset(perUser, resetBodyOf(userId))).status).toBe(202);
      const limited = await requestReset(perUser, resetBodyOf(userId));
      expect(limited.status).toBe(429);
      expect((await errorOf(limited)).code).toBe('RATE_LIMITED');
    }
    await waitForMails(perUser, 'rlimit@example.com', KEY_SUBJECT, 3);
    perUser.clock.advanceMinutes(60);
    expect((await requestReset(perUser, resetBodyOf('rlimit'))).status).toBe(202);
  });
});

describe('POST /api/v1/password-resets per client address', () => {
  const limited = serverForFile({ users: usersWith('rlimit2'), generalUserLimits: { resetAnswerMs: 0, resetsPerAddress: 4 } });

  it('refuses the address after its limit, whatever the ID.usuario', async () => {
    for (let i = 0; i < 4; i++) expect((await requestReset(limited, resetBodyOf(`otro${i}`))).status).toBe(202);
    const res = await requestReset(limited, resetBodyOf('rlimit2'));
    expect(res.status).toBe(429);
    await new Promise((r) => setTimeout(r, 100));
    expect(await mailsTo(limited, 'rlimit2@example.com')).toEqual([]);
  });
});

describe('Dar de baja', () => {
  it('drops a pending automatic key: it no longer logs in', async () => {
    const key = await automaticKeyFor(server, 'rbaja');
    const token = await server.login('rbaja');
    expect((await server.send('POST', DEACTIVATION, token, { reason: 'Cambio de empresa y de cargo' })).status).toBe(200);
    const { password_resets } = (await server.dump()) as { password_resets: { user_id: string }[] };
    expect(password_resets.filter((r) => r.user_id === 'rbaja')).toEqual([]);
    expect((await server.postSession({ userId: 'rbaja', password: key })).status).toBe(401);
  });
});

describe('the notice after the key is used', () => {
  it('says the old password ended, names no secret', async () => {
    const key = await automaticKeyFor(server, 'rnotice');
    await logInForSession(server, 'rnotice', key);
    const [text] = await waitForMails(server, 'rnotice@example.com', KEY_USED_SUBJECT);
    expect(text).toContain('La contraseña anterior dejó de ser válida');
    expect(text).not.toContain(key);
  });
});
