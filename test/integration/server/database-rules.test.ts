import { describe, expect, it } from 'vitest';
import { serverForFile } from './harness';
import { TEST_DIALECT } from './test-database';

const server = serverForFile();

/** The rules the schema itself keeps, whichever dialect runs it (issue 14). */
describe(`database rules on ${TEST_DIALECT}`, () => {
  const insertUser = (userId: string, email: string) =>
    server.sql(
      `INSERT INTO users (user_id, id_document, name, country, phone1, mobile_carrier, mobile_number, email, password_hash, version,
         created_at, updated_at) VALUES (?, '0912345678', 'Otra Persona', 'EC', '042345678', 'CLARO', '0991234567', ?, 'x', 1, ?, ?)`,
      userId,
      email,
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    );

  it('an address that differs only in case from a registered one is refused by the unique index itself', async () => {
    await expect(insertUser('otra', 'MLopez@Example.COM')).rejects.toThrow(/UNIQUE|duplicate key|users_email_lower_unique/i);
    const users = (await server.dump()).users as { user_id: string }[];
    expect(users.map((u) => u.user_id)).not.toContain('otra');
    await insertUser('otra', 'otra.persona@example.com');
    expect(((await server.dump()).users as { user_id: string }[]).map((u) => u.user_id)).toContain('otra');
  });

  it('instants are ISO 8601 UTC text and integers are JS numbers on read-back', async () => {
    const { users, audit_log } = await server.dump();
    const jperez = (users as Record<string, unknown>[]).find((u) => u.user_id === 'jperez') as Record<string, unknown>;
    expect(typeof jperez.version).toBe('number');
    expect(jperez.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const first = (audit_log as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(typeof first.id).toBe('number');
  });

  it('an audit id keeps growing across inserts (serial on PostgreSQL, rowid on SQLite)', async () => {
    await server.sql(`INSERT INTO audit_log (user_id, at, action, fields) VALUES ('jperez', '2026-01-01T00:00:00.000Z', 'test.a', '[]')`);
    await server.sql(`INSERT INTO audit_log (user_id, at, action, fields) VALUES ('jperez', '2026-01-01T00:00:00.000Z', 'test.b', '[]')`);
    const ids = ((await server.dump()).audit_log as { id: number; action: string }[]).filter((a) => a.action.startsWith('test.')).map((a) => a.id);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBeGreaterThan(ids[0] as number);
  });

  it('a U+0000 in a text field is refused with 422 on both dialects (PostgreSQL text cannot hold it), never a 500', async () => {
    const login = await server.postSession({ userId: 'jp\u0000erez', password: 'Aduana#2026' });
    expect(login.status).toBe(422);
    const token = await server.login('cvera');
    const before = await server.dump();
    const res = await server.send('POST', '/api/v1/general-user/deactivation', token, { reason: 'Motivo con \u0000 nulo dentro' });
    expect(res.status).toBe(422);
    expect((await server.dump()).users).toEqual(before.users);
  });
});
