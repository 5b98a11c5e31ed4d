import { describe, expect, it } from 'vitest';
import { ActivityPageSchema, RegistrationSavedSchema, SessionListSchema, type ActivityEvent } from '../../../src-shared/contract';
import { encodeDeviceHeader } from '../../../src-shared/contract/device';
import { getRegistration, keepEmailBody, mailsTo, usersWith } from './general-user-helpers';
import { API, DEMO_PASSWORD, errorOf, serverForFile, type TestServer } from './harness';

/**
 * Issue #28, "Mi cuenta": GET/DELETE /sessions and GET /general-user/activity. A user sees and closes only their own
 * sessions, a closed session's token is refused at once (with the "closed from another equipment" message), "the
 * others" keeps the caller's, the activity pages by keyset and stays stable while new events arrive, and neither
 * answer ever carries a secret. Runs on SQLite and PostgreSQL like the rest of the server suite.
 */

const U = {
  a: 'cuentaana',
  b: 'cuentabeto',
  close: 'cuentacierre',
  others: 'cuentaotras',
  act: 'cuentaactividad',
  page: 'cuentapagina',
  put: 'cuentaput',
  mail: 'cuentacorreo',
  first: 'cuentanueva',
} as const;
const server = serverForFile({ users: usersWith(...Object.values(U)) });

const SESSIONS = `${API}/sessions`;
const ACTIVITY = `${API}/general-user/activity`;
const OFFICE = { host: 'PC-OFICINA', os: 'Windows 11 (10.0.22631)', app: '1.4.0' };
const LAPTOP = { host: 'laptop-casa', os: 'Linux 6.1 (Debian 12)', app: '1.4.0' };

async function loginFrom(s: TestServer, userId: string, device?: { host: string; os: string; app: string }): Promise<string> {
  const res = await s.request(`${API}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(device ? { 'x-ecuapass-device': encodeDeviceHeader(device) } : {}) },
    body: JSON.stringify({ userId, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function sessionsOf(token: string) {
  const res = await server.request(SESSIONS, { token });
  expect(res.status).toBe(200);
  return SessionListSchema.parse(await res.json());
}

async function activity(token: string, query = '') {
  const res = await server.request(`${ACTIVITY}${query}`, { token });
  expect(res.status).toBe(200);
  return ActivityPageSchema.parse(await res.json());
}

const alive = async (token: string) => (await server.request(`${API}/sessions/current`, { token })).status;

describe('Sesiones activas', () => {
  it('lists only the caller’s own live sessions, with the device the app described, the current one first and marked', async () => {
    const a1 = await loginFrom(server, U.a, OFFICE);
    server.clock.advanceSeconds(1);
    const a2 = await loginFrom(server, U.a, LAPTOP);
    await loginFrom(server, U.b, OFFICE);
    const list = await sessionsOf(a2);
    expect(list.sessions.map((s) => [s.device.host, s.current])).toEqual([
      ['laptop-casa', true],
      ['PC-OFICINA', false],
    ]);
    expect(list.sessions[0]).toMatchObject({ device: LAPTOP, ip: '127.0.0.1' });
    // Nothing of the token in the answer: not the token, not its hash.
    const raw = JSON.stringify(list);
    expect(raw).not.toContain(a1);
    expect(raw).not.toContain(a2);
    expect(raw).not.toMatch(/[0-9a-f]{64}/);
    // "Último ingreso": the login before this session's.
    expect(list.previousLogin?.device.host).toBe('PC-OFICINA');
  });

  it('closing one session makes its token 401 at once, with "Su sesión se cerró desde otro equipo"; another user’s id is 404 and closes nothing', async () => {
    const victim = await loginFrom(server, U.close, OFFICE);
    const closer = await loginFrom(server, U.close, LAPTOP);
    const b = await loginFrom(server, U.b, LAPTOP);
    const target = (await sessionsOf(closer)).sessions.find((s) => !s.current)!;
    expect(target.device.host).toBe('PC-OFICINA');
    const bOwn = (await sessionsOf(b)).sessions.find((s) => s.current)!;

    const foreign = await server.request(`${SESSIONS}/${bOwn.id}`, { method: 'DELETE', token: closer });
    expect(foreign.status).toBe(404);
    expect(await errorOf(foreign)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await alive(b)).toBe(200);
    expect((await server.request(`${SESSIONS}/no-es-un-id`, { method: 'DELETE', token: closer })).status).toBe(404);

    expect(await alive(victim)).toBe(200);
    expect((await server.request(`${SESSIONS}/${target.id}`, { method: 'DELETE', token: closer })).status).toBe(204);
    // At once: the very next call of the closed session is refused, and says why.
    const res = await server.request(`${API}/general-user/registration`, { token: victim });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'UNAUTHENTICATED', message: 'Su sesión se cerró desde otro equipo. Ingrese nuevamente con su usuario y contraseña.' });
    expect(await alive(closer)).toBe(200);
    expect((await server.request(`${SESSIONS}/${target.id}`, { method: 'DELETE', token: closer })).status).toBe(404);
    expect((await sessionsOf(closer)).sessions.map((s) => s.id)).not.toContain(target.id);
    const events = (await activity(closer, '?type=session.closed')).events;
    expect(events[0]).toMatchObject({ action: 'session.closed', ip: '127.0.0.1' });
  });

  it('DELETE /sessions?others=true closes every other session and keeps the caller’s; without others=true it is 422 and closes none', async () => {
    const s1 = await loginFrom(server, U.others, OFFICE);
    const s2 = await loginFrom(server, U.others, LAPTOP);
    const me = await loginFrom(server, U.others, LAPTOP);
    const refused = await server.request(SESSIONS, { method: 'DELETE', token: me });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).fields).toHaveProperty('others');
    expect({ s1: await alive(s1), s2: await alive(s2) }).toEqual({ s1: 200, s2: 200 });

    const res = await server.request(`${SESSIONS}?others=true`, { method: 'DELETE', token: me });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { closed: number }).closed).toBeGreaterThanOrEqual(2);
    expect({ s1: await alive(s1), s2: await alive(s2), me: await alive(me) }).toEqual({ s1: 401, s2: 401, me: 200 });
    expect((await sessionsOf(me)).sessions.map((s) => s.current)).toEqual([true]);
  });

  it('without a token every account route is 401', async () => {
    for (const [method, path] of [['GET', SESSIONS], ['DELETE', `${SESSIONS}?others=true`], ['GET', ACTIVITY]] as const) {
      expect((await server.request(path, { method })).status).toBe(401);
    }
  });
});

describe('Actividad de la cuenta', () => {
  it('shows only the caller’s own events, newest first, with equipo and IP, never a secret', async () => {
    const token = await loginFrom(server, U.act, OFFICE);
    const wrong = await server.request(`${API}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ecuapass-device': encodeDeviceHeader(LAPTOP) },
      body: JSON.stringify({ userId: U.act, password: 'Incorrecta#1' }),
    });
    expect(wrong.status).toBe(401);
    await server.clearAttempts();
    const page = await activity(token);
    expect(page.events.every((e) => e.id > 0)).toBe(true);
    const ids = page.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(page.events[0]).toMatchObject({ action: 'session.login_failed', device: LAPTOP, ip: '127.0.0.1' });
    expect(page.events[1]).toMatchObject({ action: 'session.login', device: OFFICE });
    const other = await activity(await loginFrom(server, U.b));
    expect(other.events.some((e) => ids.includes(e.id))).toBe(false);
    const raw = JSON.stringify(page);
    expect(raw).not.toContain(DEMO_PASSWORD);
    expect(raw).not.toContain('Incorrecta#1');
    expect(raw).not.toContain(token);
  });

  it('pages by keyset, and the pages stay the same while new events arrive', async () => {
    const token = await loginFrom(server, U.page, OFFICE);
    // More events: logins of this user (each one audited).
    for (let i = 0; i < 12; i++) await loginFrom(server, U.page, i % 2 ? OFFICE : LAPTOP);
    const first = await activity(token, '?limit=5');
    expect(first.events).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    // New events arrive between the pages.
    for (let i = 0; i < 3; i++) await loginFrom(server, U.page, OFFICE);
    const second = await activity(token, `?limit=5&before=${first.nextCursor}`);
    const all: ActivityEvent[] = [];
    let cursor: string | null = null;
    do {
      const p = await activity(token, `?limit=7${cursor ? `&before=${cursor}` : ''}`);
      all.push(...p.events);
      cursor = p.nextCursor;
    } while (cursor);
    const before = all.filter((e) => e.id < first.events[0]!.id + 1);
    // The second page continues the first exactly: no event repeated, none skipped.
    expect(second.events.map((e) => e.id)).toEqual(before.filter((e) => e.id < first.events.at(-1)!.id).slice(0, 5).map((e) => e.id));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    // The last page says there is no next one.
    const last = await activity(token, `?limit=100&before=${all.at(-1)!.id}`);
    expect(last).toEqual({ events: [], nextCursor: null });
  });

  it('filters by type', async () => {
    const token = await loginFrom(server, U.page, OFFICE);
    const logins = await activity(token, '?type=session.login&limit=100');
    expect(logins.events.length).toBeGreaterThan(0);
    expect(new Set(logins.events.map((e) => e.action))).toEqual(new Set(['session.login']));
  });

  it('refuses a bad query with 422 naming the parameter', async () => {
    const token = await loginFrom(server, U.page);
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=dos', 'limit'],
      ['?before=-1', 'before'],
      ['?before=abc', 'before'],
      ['?type=password', 'type'],
      ['?secreto=1', 'secreto'],
    ] as const) {
      const res = await server.request(`${ACTIVITY}${query}`, { token });
      expect(res.status, query).toBe(422);
      expect(Object.keys((await errorOf(res)).fields ?? {}), query).toContain(field);
    }
  });

  it('a modification is one event naming the changed fields, and the PUT answers its number (the constancia’s reference)', async () => {
    const token = await loginFrom(server, U.put, OFFICE);
    const reg = await getRegistration(server, token);
    const res = await server.request(`${API}/general-user/registration`, {
      method: 'PUT',
      token,
      headers: { 'content-type': 'application/json', 'x-ecuapass-device': encodeDeviceHeader(OFFICE) },
      body: JSON.stringify(keepEmailBody(reg, { phone1: '042777666', fax: '042777665' })),
    });
    expect(res.status).toBe(200);
    const saved = RegistrationSavedSchema.parse(await res.json());
    const event = (await activity(token, '?type=registration.update')).events[0];
    expect(event).toMatchObject({ id: saved.auditId, action: 'registration.update', device: OFFICE });
    expect(event?.fields).toEqual(expect.arrayContaining(['phone1', 'fax']));
    expect(JSON.stringify(event)).not.toContain('042777666');
    expect(saved.savedAt).toBe(event?.at);
  });
});

describe('Nuevo ingreso a su cuenta', () => {
  const subjects = async (userId: string) => (await mailsTo(server, `${userId}@example.com`)).filter((m) => m.subject === 'Nuevo ingreso a su cuenta');

  it('the very first login of a user sends none (there is no earlier device to compare with)', async () => {
    await loginFrom(server, U.first, OFFICE);
    expect(await subjects(U.first)).toEqual([]);
  });

  it('mails the user on a login from a host + OS not used before, not from a known one', async () => {
    await loginFrom(server, U.mail, OFFICE);
    await loginFrom(server, U.mail, OFFICE);
    expect(await subjects(U.mail)).toHaveLength(0);
    await loginFrom(server, U.mail, { ...OFFICE, host: 'PC-DESCONOCIDA' });
    const mails = await subjects(U.mail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('PC-DESCONOCIDA');
    expect(mails[0]?.text).toContain(OFFICE.os);
    expect(mails[0]?.text).not.toContain(DEMO_PASSWORD);
    // Same host, another OS: another device too; then both are known.
    await loginFrom(server, U.mail, { ...OFFICE, host: 'PC-DESCONOCIDA', os: 'macOS 14.5' });
    expect(await subjects(U.mail)).toHaveLength(2);
    await loginFrom(server, U.mail, { ...OFFICE, host: 'PC-DESCONOCIDA' });
    // A client that sends no description (not the app) is no new device either.
    await loginFrom(server, U.mail);
    expect(await subjects(U.mail)).toHaveLength(2);
  });
});
