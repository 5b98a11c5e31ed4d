import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../src-main/api/api-client';
import { BackendConnection } from '../../../src-main/api/backend-connection';
import { RegistrationService } from '../../../src-main/registration/registration-service';
import { MemoryStore } from '../../../src-main/session/memory-store';
import { type LastUserMemory, SessionManager } from '../../../src-main/session/session-manager';
import { ERROR_MESSAGES, RESET_MSG, type Registration } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import type { RegistrationForm } from '../../../src-shared/registration/update';
import { API, DEMO_PASSWORD, startServer, serverForFile, type TestServer } from '../server/harness';
import { freePort as closedPort } from '../../support/free-port';
import { automaticKeyMailed, enrolTwoFactor, totpAt } from '../server/account-security-helpers';
import { usersWith } from '../server/general-user-helpers';

/**
 * The session token (and the password-change ticket) live only in the main process and the
 * secure store, keyed by ID.usuario; no returned value carries them. A token the backend no
 * longer accepts is forgotten at once; logging out forgets it even when the backend is down.
 * Runs the SessionManager and RegistrationService against the real backend, in-process.
 */

const server = serverForFile();
afterEach(() => {
  vi.restoreAllMocks();
});

class LastUser implements LastUserMemory {
  constructor(private value?: string) {}
  get() {
    return this.value;
  }
  set(userId: string | undefined) {
    this.value = userId;
  }
}

/** One "app start": a connection to `baseUrl`, a session manager and the registration service over `store`. */
function appOn(baseUrl: string, store = new MemoryStore(), lastUser = new LastUser()) {
  // As the app wires them: the client's 401 interceptor ends the session manager's session.
  let sessionsRef: SessionManager | null = null;
  const connection = new BackendConnection(undefined, baseUrl, (url) => new ApiClient({ baseUrl: url, timeoutMs: 5_000, onSessionExpired: (token) => sessionsRef?.sessionExpired(token) }));
  const sessions = (sessionsRef = new SessionManager({ store, connection, lastUser }));
  const registration = new RegistrationService(sessions);
  return { store, lastUser, connection, sessions, registration };
}

/** Whether the backend still accepts `token` (GET /sessions/current). */
async function isLive(srv: TestServer, token: string): Promise<boolean> {
  const res = await srv.request(`${API}/sessions/current`, { token });
  if (res.status !== 200 && res.status !== 401) throw new Error(`GET /sessions/current answered ${res.status}`);
  return res.status === 200;
}

async function revokeBehindItsBack(srv: TestServer, token: string) {
  const res = await srv.request(`${API}/sessions/current`, { method: 'DELETE', token });
  expect(res.status).toBe(204);
}

function expectNoSecretIn(values: unknown[], ...secrets: string[]) {
  const json = JSON.stringify(values);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(json).not.toContain(secret);
  }
}

async function tokenOf(store: MemoryStore, userId: string): Promise<string> {
  const token = await store.get(userId);
  if (!token) throw new Error(`no token stored for ${userId}`);
  return token;
}

function formFrom(reg: Registration, extra: Partial<RegistrationForm> = {}): RegistrationForm {
  const { userId: _u, idDocument: _d, senaeEmail: _s, email: _e, ...editable } = reg;
  return { ...editable, keepEmail: true, ...extra };
}

describe('login', () => {
  it('stores the token under the ID.usuario and never returns it', async () => {
    const app = appOn(server.baseUrl);
    const res = await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });

    expect(res).toEqual({
      ok: true,
      value: { user: { userId: 'jperez', name: 'Juan Carlos Pérez Mendoza' }, expiresAt: expect.any(String), remembered: false },
    });
    expect(await app.store.accounts()).toEqual(['jperez']);
    const token = await tokenOf(app.store, 'jperez');
    expect(await isLive(server, token)).toBe(true);
    expect(app.lastUser.get()).toBe('jperez');
    expect(app.sessions.currentUserId).toBe('jperez');

    const registration = await app.registration.getRegistration();
    expect(registration).toMatchObject({ ok: true, value: { userId: 'jperez' } });
    expectNoSecretIn([res, registration, await app.sessions.rememberedUsers()], token);
  });

  it('wrong credentials: INVALID_CREDENTIALS in Spanish, nothing stored', async () => {
    const app = appOn(server.baseUrl);
    const res = await app.sessions.login({ userId: 'cvera', password: 'Incorrecta#1' });
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: ERROR_MESSAGES.INVALID_CREDENTIALS } });
    expect(await app.store.accounts()).toEqual([]);
    expect(app.lastUser.get()).toBeUndefined();
    expect(app.sessions.currentUserId).toBeNull();
  });

  it('backend down: BACKEND_UNREACHABLE, nothing stored', async () => {
    const app = appOn(`http://127.0.0.1:${await closedPort()}`);
    const res = await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    expect(res).toEqual({ ok: false, error: { code: 'BACKEND_UNREACHABLE', message: ERROR_MESSAGES.BACKEND_UNREACHABLE } });
    expect(await app.store.accounts()).toEqual([]);
  });
});

describe('restore at start', () => {
  it('a live stored token signs the last user in, without a password', async () => {
    const first = appOn(server.baseUrl);
    await first.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const token = await tokenOf(first.store, 'jperez');

    // The app restarts: same store, same remembered last user, nothing else.
    const again = appOn(server.baseUrl, first.store, new LastUser('jperez'));
    const res = await again.sessions.restore();

    expect(res).toEqual({
      ok: true,
      value: { user: { userId: 'jperez', name: 'Juan Carlos Pérez Mendoza' }, expiresAt: expect.any(String), remembered: false },
    });
    expect(again.sessions.currentUserId).toBe('jperez');
    const registration = await again.registration.getRegistration();
    expect(registration.ok).toBe(true);
    expectNoSecretIn([res, registration], token);
  });

  it('a revoked stored token is deleted and null is answered (the user types the password)', async () => {
    const first = appOn(server.baseUrl);
    await first.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    await revokeBehindItsBack(server, await tokenOf(first.store, 'jperez'));

    const again = appOn(server.baseUrl, first.store, new LastUser('jperez'));
    expect(await again.sessions.restore()).toEqual({ ok: true, value: null });
    expect(await again.store.get('jperez')).toBeNull();
    expect(again.sessions.currentUserId).toBeNull();
  });

  it('no last user, or no stored token for them: null, and the backend is not asked', async () => {
    const spy = vi.spyOn(ApiClient.prototype, 'currentSession');
    expect(await appOn(server.baseUrl).sessions.restore()).toEqual({ ok: true, value: null });
    expect(await appOn(server.baseUrl, new MemoryStore(), new LastUser('cvera')).sessions.restore()).toEqual({ ok: true, value: null });
    expect(spy).not.toHaveBeenCalled();
  });

  it('backend down at start: the error is answered and the stored token is kept for later', async () => {
    const first = appOn(server.baseUrl);
    await first.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const token = await tokenOf(first.store, 'jperez');

    const again = appOn(`http://127.0.0.1:${await closedPort()}`, first.store, new LastUser('jperez'));
    const res = await again.sessions.restore();
    expect(res).toMatchObject({ ok: false, error: { code: 'BACKEND_UNREACHABLE' } });
    expect(await again.store.get('jperez')).toBe(token);
  });
});

describe('logout', () => {
  it('revokes the token on the backend and deletes the entry', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const token = await tokenOf(app.store, 'jperez');

    expect(await app.sessions.logout()).toEqual({ ok: true, value: null });
    expect(await app.store.get('jperez')).toBeNull();
    expect(app.sessions.currentUserId).toBeNull();
    expect(await isLive(server, token)).toBe(false);
  });

  it('deletes the entry even when the backend is down', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    app.connection.configure(`http://127.0.0.1:${await closedPort()}`);

    expect(await app.sessions.logout()).toEqual({ ok: true, value: null });
    expect(await app.store.get('jperez')).toBeNull();
    expect(await app.store.accounts()).toEqual([]);
    expect(app.sessions.currentUserId).toBeNull();
    expect(await app.registration.getRegistration()).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED },
    });
  });

  it('deletes the entry even when the configured URL is refused (no client at all)', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    app.connection.configure('http://192.168.1.10:4010');
    expect(app.connection.api()).toBeNull();

    expect(await app.sessions.logout()).toEqual({ ok: true, value: null });
    expect(await app.store.get('jperez')).toBeNull();
  });
});

describe('a 401 in the middle of the work', () => {
  it('answers UNAUTHENTICATED in Spanish and deletes the entry', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    expect((await app.registration.getRegistration()).ok).toBe(true);

    await revokeBehindItsBack(server, await tokenOf(app.store, 'jperez'));

    expect(await app.registration.getRegistration()).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED },
    });
    expect(await app.store.get('jperez')).toBeNull();
    expect(await app.sessions.rememberedUsers()).toEqual([]);
    expect(app.sessions.currentUserId).toBeNull();

    // The next call does not even reach the backend.
    const spy = vi.spyOn(ApiClient.prototype, 'emailAvailability');
    expect(await app.registration.checkEmailAvailability('otro@example.com')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('any other failure keeps the session and its entry', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const token = await tokenOf(app.store, 'jperez');
    app.connection.configure(`http://127.0.0.1:${await closedPort()}`);

    expect(await app.registration.getRegistration()).toMatchObject({ ok: false, error: { code: 'BACKEND_UNREACHABLE' } });
    expect(await app.store.get('jperez')).toBe(token);
    expect(app.sessions.currentUserId).toBe('jperez');

    app.connection.configure(server.baseUrl);
    expect((await app.registration.getRegistration()).ok).toBe(true);
  });
});

describe('remembered users', () => {
  it('forget(userId) deletes the entry and revokes the session', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const token = await tokenOf(app.store, 'jperez');

    expect(await app.sessions.forget('jperez')).toEqual({ ok: true, value: null });
    expect(await app.store.get('jperez')).toBeNull();
    expect(await isLive(server, token)).toBe(false);
    expect(app.sessions.currentUserId).toBeNull();
    expect(app.lastUser.get()).toBeUndefined();
  });

  it('forgetting a user who is not the active one leaves the active session alone', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const jperezToken = await tokenOf(app.store, 'jperez');
    app.sessions.detach();
    await app.sessions.login({ userId: 'mlopez', password: DEMO_PASSWORD });

    await app.sessions.forget('jperez');
    expect(await app.store.accounts()).toEqual(['mlopez']);
    expect(await isLive(server, jperezToken)).toBe(false);
    expect(app.sessions.currentUserId).toBe('mlopez');
    expect(await isLive(server, await tokenOf(app.store, 'mlopez'))).toBe(true);
  });

  it('two logins of the same user leave one entry, holding the newer token', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const first = await tokenOf(app.store, 'jperez');
    // "Cambiar de usuario", then the same user types the password again.
    app.sessions.detach();
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const second = await tokenOf(app.store, 'jperez');

    expect(await app.sessions.rememberedUsers()).toEqual(['jperez']);
    expect(second).not.toBe(first);
    expect(await isLive(server, second)).toBe(true);
  });

  it('"Cambiar de usuario" keeps each user\'s entry: one per user after two logins', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    app.sessions.detach();
    await app.sessions.login({ userId: 'mlopez', password: DEMO_PASSWORD });

    const users = await app.sessions.rememberedUsers();
    expect([...users].sort()).toEqual(['jperez', 'mlopez']);
    expect(await app.sessions.resume('jperez')).toMatchObject({ ok: true, value: { user: { userId: 'jperez' } } });
    expect(app.sessions.currentUserId).toBe('jperez');
    expectNoSecretIn([users], await tokenOf(app.store, 'jperez'), await tokenOf(app.store, 'mlopez'));
  });

  it('a new login of another user without "Cambiar de usuario" ends the previous session', async () => {
    const app = appOn(server.baseUrl);
    await app.sessions.login({ userId: 'jperez', password: DEMO_PASSWORD });
    const jperezToken = await tokenOf(app.store, 'jperez');
    await app.sessions.login({ userId: 'mlopez', password: DEMO_PASSWORD });

    expect(await app.sessions.rememberedUsers()).toEqual(['mlopez']);
    expect(await isLive(server, jperezToken)).toBe(false);
  });
});

describe('password change and its ticket', () => {
  // A server of its own: these cases change cvera's password.
  let own: TestServer;
  beforeAll(async () => {
    own = await startServer();
  });
  afterAll(async () => {
    await own?.close();
  });

  it('update with passwordChange but no verified ticket → PASSWORD_TICKET_INVALID on currentPassword, the backend not called', async () => {
    const app = appOn(own.baseUrl);
    await app.sessions.login({ userId: 'cvera', password: DEMO_PASSWORD });
    const reg = await app.registration.getRegistration();
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));
    const before = (await own.dump());
    const put = vi.spyOn(ApiClient.prototype, 'updateRegistration');

    const res = await app.registration.update(
      formFrom(reg.value, { passwordChange: { newPassword: 'Nueva#Clave2026', confirmation: 'Nueva#Clave2026' } }),
    );

    expect(res).toEqual({
      ok: false,
      error: {
        code: 'PASSWORD_TICKET_INVALID',
        message: ERROR_MESSAGES.PASSWORD_TICKET_INVALID,
        fields: { currentPassword: MSG.passwordNotVerified },
      },
    });
    expect(put).not.toHaveBeenCalled();
    expect((await own.dump()).users).toEqual(before.users);
    expect((await own.dump()).audit_log).toEqual(before.audit_log);
  });

  it('a wrong current password → WRONG_PASSWORD, and no ticket is kept', async () => {
    const app = appOn(own.baseUrl);
    await app.sessions.login({ userId: 'cvera', password: DEMO_PASSWORD });
    expect(await app.registration.verifyCurrentPassword('Incorrecta#1')).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: ERROR_MESSAGES.WRONG_PASSWORD, fields: { currentPassword: ERROR_MESSAGES.WRONG_PASSWORD } },
    });
    const reg = await app.registration.getRegistration();
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));
    const res = await app.registration.update(
      formFrom(reg.value, { passwordChange: { newPassword: 'Nueva#Clave2026', confirmation: 'Nueva#Clave2026' } }),
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'PASSWORD_TICKET_INVALID' } });
  });

  it('the ticket from verifyCurrentPassword never appears in any returned value, and is spent by the update', async () => {
    const app = appOn(own.baseUrl);
    await app.sessions.login({ userId: 'cvera', password: DEMO_PASSWORD });
    const token = await tokenOf(app.store, 'cvera');
    const verify = vi.spyOn(ApiClient.prototype, 'verifyPassword');
    const put = vi.spyOn(ApiClient.prototype, 'updateRegistration');
    const returned: unknown[] = [];

    const verified = await app.registration.verifyCurrentPassword(DEMO_PASSWORD);
    returned.push(verified);
    expect(verified).toEqual({ ok: true, value: { verifiedUntil: expect.any(String) } });
    const raw = await verify.mock.results[0]?.value;
    if (!raw?.ok) throw new Error(`verify answered ${JSON.stringify(raw)}`);
    const ticket: string = raw.value.ticket;
    expect(verified.ok && verified.value.verifiedUntil).toBe(raw.value.expiresAt);

    const reg = await app.registration.getRegistration();
    returned.push(reg);
    if (!reg.ok) throw new Error(JSON.stringify(reg.error));
    const newPassword = 'Nueva#Clave2026';
    const updated = await app.registration.update(formFrom(reg.value, { passwordChange: { newPassword, confirmation: newPassword } }));
    returned.push(updated);

    expect(updated).toMatchObject({ ok: true, value: { userId: 'cvera', version: reg.value.version + 1 } });
    // The main process, and only it, added the ticket on the way out.
    expect(put.mock.calls[0]?.[1]).toMatchObject({ passwordChange: { ticket, newPassword, confirmation: newPassword } });
    expectNoSecretIn(returned, ticket, token);

    // The new password works; the ticket is spent: a second change needs a new verification.
    await expect(own.login('cvera', newPassword)).resolves.toEqual(expect.any(String));
    const after = await app.registration.getRegistration();
    if (!after.ok) throw new Error(JSON.stringify(after.error));
    const again = await app.registration.update(
      formFrom(after.value, { passwordChange: { newPassword: 'Otra#Clave2027', confirmation: 'Otra#Clave2027' } }),
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'PASSWORD_TICKET_INVALID', fields: { currentPassword: MSG.passwordNotVerified } } });
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('"Dar de baja" deletes the entry, revokes the session and the user can no longer log in', async () => {
    const app = appOn(own.baseUrl);
    await app.sessions.login({ userId: 'mlopez', password: DEMO_PASSWORD });
    const token = await tokenOf(app.store, 'mlopez');

    const res = await app.sessions.deactivate('Cambio de empresa y de cargo');
    expect(res).toMatchObject({ ok: true, value: { message: expect.any(String) } });
    expect(await app.store.get('mlopez')).toBeNull();
    expect(app.sessions.currentUserId).toBeNull();
    expect(app.lastUser.get()).toBeUndefined();
    expect(await isLive(own, token)).toBe(false);
    expect(await app.sessions.login({ userId: 'mlopez', password: DEMO_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_DEACTIVATED' },
    });
  });
});

describe('Reiniciar clave and two-step verification through the main process (issue 27)', () => {
  const backend = serverForFile({ users: usersWith('mreset', 'mtotp'), generalUserLimits: { resetAnswerMs: 0 } });

  it('an automatic key signs in a session that must change its password; the change makes it a normal one', async () => {
    const app = appOn(backend.baseUrl);
    const sent = await app.sessions.requestPasswordReset({ userId: 'mreset', idDocument: '0924680135', email: 'mreset@example.com' });
    expect(sent).toEqual({ ok: true, value: { message: RESET_MSG.accepted } });
    const key = await automaticKeyMailed(backend, 'mreset', 1);
    const res = await app.sessions.login({ userId: 'mreset', password: key });
    expect(res).toMatchObject({ ok: true, value: { user: { userId: 'mreset' }, passwordChangeRequired: true } });
    // Nothing else answers such a session.
    expect(await app.registration.getRegistration()).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    // A restart resumes it as what it is.
    const again = appOn(backend.baseUrl, app.store, app.lastUser);
    expect(await again.sessions.restore()).toMatchObject({ ok: true, value: { passwordChangeRequired: true } });

    const changed = await again.sessions.changeForcedPassword({ newPassword: 'Nueva#Clave2027', confirmation: 'Nueva#Clave2027' });
    expect(changed).toEqual({ ok: true, value: { user: { userId: 'mreset', name: 'Juan Carlos Pérez Mendoza' }, expiresAt: expect.any(String), remembered: false } });
    expect(await again.registration.getRegistration()).toMatchObject({ ok: true, value: { userId: 'mreset' } });
    expectNoSecretIn([sent, res, changed], key, await tokenOf(app.store, 'mreset'));
  });

  it('with TOTP on, login answers VERIFICATION_REQUIRED and keeps the challenge; the code finishes it', async () => {
    const app = appOn(backend.baseUrl);
    const { secret } = await enrolTwoFactor(backend, await backend.login('mtotp'));
    backend.clock.advanceSeconds(30);
    const first = await app.sessions.login({ userId: 'mtotp', password: DEMO_PASSWORD });
    expect(first).toEqual({ ok: false, error: { code: 'VERIFICATION_REQUIRED', message: ERROR_MESSAGES.VERIFICATION_REQUIRED } });
    expect(await app.store.accounts()).toEqual([]);
    const wrong = await app.sessions.verifyLoginCode('000000');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VERIFICATION_CODE_INVALID' } });
    // A wrong code may be typed again: the challenge is still kept.
    const ok = await app.sessions.verifyLoginCode(totpAt(secret, backend.clock.now()));
    expect(ok).toMatchObject({ ok: true, value: { user: { userId: 'mtotp' } } });
    expect(await app.store.accounts()).toEqual(['mtotp']);
    // The challenge is gone with its use.
    expect(await app.sessions.verifyLoginCode('123456')).toMatchObject({ ok: false, error: { code: 'VERIFICATION_EXPIRED' } });
  });
});
