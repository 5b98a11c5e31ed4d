import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../../src-server/seed/load-seed';
import { upsertSeedUsers } from '../../../src-server/seed/upsert-seed-users';
import { API, DEMO_PASSWORD, DEMO_USERS_FILE, errorOf, startServer, type TestServer } from './harness';

/** Ecuadorian cédula: 10 digits, province 01–24 or 30, third digit < 6, modulo-10 check digit. */
function isValidCedula(id: string): boolean {
  if (!/^\d{10}$/.test(id)) return false;
  const province = Number(id.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30) || Number(id[2]) >= 6) return false;
  const sum = [...id.slice(0, 9)].reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(id[9]);
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('sandbox seed', () => {
  it('the demo users pass the seed rules and the Ecuadorians have valid cédulas', () => {
    const users = loadSeed(DEMO_USERS_FILE);
    expect(users.map((u) => u.userId)).toEqual(['jperez', 'mlopez', 'cvera']);
    for (const u of users.filter((x) => x.country === 'EC')) expect(isValidCedula(u.idDocument), u.userId).toBe(true);
  });

  it('seeding again unlocks, reactivates and resets the data and password of existing users', async () => {
    await server.sql(
      "UPDATE users SET name = 'Otro Nombre', failed_logins = 3, locked_until = ?, deactivated_at = ?, deactivation_reason = 'Motivo de prueba' WHERE user_id = 'jperez'",
      new Date(server.clock.now().getTime() + 3_600_000).toISOString(),
      server.clock.now().toISOString(),
    );
    expect((await errorOf(await server.postSession({ userId: 'jperez', password: DEMO_PASSWORD }))).code).toBe('ACCOUNT_LOCKED');

    await upsertSeedUsers(server.db, server.clock, loadSeed(DEMO_USERS_FILE));

    const token = await server.login('jperez');
    const reg = (await (await server.request(`${API}/general-user/registration`, { token })).json()) as { name: string; version: number };
    expect(reg.name).toBe('Juan Carlos Pérez Mendoza');
    expect(reg.version).toBe(2);
    const audit = (await server.dump()).audit_log as { user_id: string; action: string; fields: string }[];
    const last = audit.filter((a) => a.user_id === 'jperez').at(-1);
    expect(last?.action).toBe('sandbox-seed.update');
    expect(JSON.parse(last?.fields ?? '[]')).toEqual(['name', 'password_hash']);
    // The audit trail names fields, never values or secrets.
    expect(JSON.stringify(audit)).not.toContain(DEMO_PASSWORD);
  });

  it('stores emails in lower case and refuses a seed whose email belongs to another user', async () => {
    const users = loadSeed(DEMO_USERS_FILE);
    const jperez = users.find((u) => u.userId === 'jperez');
    expect(jperez).toBeDefined();
    const clash = { ...jperez!, userId: 'nuevo', email: 'MLopez@Example.com' };
    await expect(upsertSeedUsers(server.db, server.clock, [clash])).rejects.toThrow(/field "email": already registered by user "mlopez"/);
  });

  it('passwords are stored as scrypt hashes, never in clear', async () => {
    const users = (await server.dump()).users as { password_hash: string }[];
    for (const u of users) {
      expect(u.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    }
    expect((await server.dbBytes()).includes(Buffer.from(DEMO_PASSWORD))).toBe(false);
  });
});
