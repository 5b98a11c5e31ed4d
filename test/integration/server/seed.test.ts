import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../../src-server/seed/load-seed';
import { upsertSeedUsers } from '../../../src-server/seed/upsert-seed-users';
import { SeedUserSchema } from '../../../src-server/seed/seed-schema';
import { isValidCedula } from '../../../src-shared/identity';
import { API, DEMO_PASSWORD, DEMO_USERS_FILE, errorOf, serverForFile } from './harness';

const server = serverForFile();

describe('sandbox seed', () => {
  it('the demo users pass the seed rules and the Ecuadorians have valid cédulas', () => {
    const users = loadSeed(DEMO_USERS_FILE);
    expect(users.map((u) => u.userId)).toEqual(['jperez', 'mlopez', 'cvera']);
    for (const u of users.filter((x) => x.country === 'EC')) expect(isValidCedula(u.idDocument), u.userId).toBe(true);
  });

  it('a seed user whose cédula or RUC has a wrong check digit is refused at Doc. Identificación', () => {
    const jperez = loadSeed(DEMO_USERS_FILE).find((u) => u.userId === 'jperez')!;
    const wrong = SeedUserSchema.safeParse({ ...jperez, idDocument: '0924680136' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['idDocument', 'El número de cédula no es válido.']]);
    expect(SeedUserSchema.safeParse({ ...jperez, idDocument: '0924680136001' }).success).toBe(false);
    // A passport has no check digit we can verify: accepted.
    expect(SeedUserSchema.safeParse({ ...jperez, idDocument: 'AB123456' }).success).toBe(true);
  });

  it('seeding again unlocks, reactivates and resets the data and password of existing users', async () => {
    await server.sql(
      "UPDATE users SET name = 'Otro Nombre', deactivated_at = ?, deactivation_reason = 'Motivo de prueba' WHERE user_id = 'jperez'",
      server.clock.now().toISOString(),
    );
    await server.sql(
      "INSERT INTO attempt_counters (scope, subject, tries, locked_until) VALUES ('login', 'jperez', 5, ?)",
      new Date(server.clock.now().getTime() + 3_600_000).toISOString(),
    );
    expect((await errorOf(await server.postSession({ userId: 'jperez', password: DEMO_PASSWORD }))).code).toBe('ACCOUNT_LOCKED');

    await upsertSeedUsers(server.db, server.clock, loadSeed(DEMO_USERS_FILE));

    const token = await server.login('jperez');
    const reg = (await (await server.request(`${API}/general-user/registration`, { token })).json()) as { name: string; version: number };
    expect(reg.name).toBe('Juan Carlos Pérez Mendoza');
    expect(reg.version).toBe(2);
    const audit = (await server.dump()).audit_log as { user_id: string; action: string; fields: string }[];
    // The seed's row, before the login's own (session.login).
    const last = audit.filter((a) => a.user_id === 'jperez' && a.action !== 'session.login').at(-1);
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
