import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, RegistrationSchema } from '../../../src-shared/contract';
import { nameChangeDistance, nameCorrectionLimit } from '../../../src-shared/registration/name-correction';
import { errorOf, serverForFile } from './harness';
import { auditOf, getRegistration, keepEmailBody, mailsTo, put, stateOf, usersWith } from './general-user-helpers';

const server = serverForFile({ users: usersWith('ana', 'beto', 'carla', 'dario') });

/** Replaces the last `n` letters of `name` with "x" (n substitutions: distance n after normalising). */
function withSubstitutions(name: string, n: number): string {
  const chars = [...name];
  let left = n;
  for (let i = chars.length - 1; i >= 0 && left > 0; i--) {
    if (/\p{L}/u.test(chars[i] as string) && (chars[i] as string).toLowerCase() !== 'x') {
      chars[i] = 'x';
      left--;
    }
  }
  return chars.join('');
}

describe('Modificar (PUT /general-user/registration)', () => {
  it('"Desea mantener el mismo correo electrónico: Si" saves without any email field', async () => {
    const token = await server.login('ana');
    const reg = await getRegistration(server, token);
    const changes = {
      province: '17',
      city: '1701',
      phone1: '022222222',
      phone2: '033333333',
      mobile: { carrier: 'MOVISTAR' as const, number: '0987777777' },
      fax: '044444444',
    };
    const res = await put(server, token, keepEmailBody(reg, changes));
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = RegistrationSchema.parse(await res.json());
    expect(saved).toEqual({ ...reg, ...changes, version: reg.version + 1 });
    expect(await getRegistration(server, token)).toEqual(saved);
    // Audit: who, when, which fields (wire names), never values.
    const last = (await auditOf(server, 'ana')).at(-1);
    expect(last).toEqual({
      action: 'registration.update',
      fields: ['province', 'city', 'phone1', 'phone2', 'mobile.carrier', 'mobile.number', 'fax'],
      at: server.clock.now().toISOString(),
    });
    // No email or password change: no notice.
    expect(await mailsTo(server, 'ana@example.com')).toEqual([]);
  });

  it('moving abroad: País outside Ecuador with Provincia and Ciudad null', async () => {
    const token = await server.login('ana');
    const reg = await getRegistration(server, token);
    const res = await put(server, token, keepEmailBody(reg, { country: 'PE', province: null, city: null, phone1: '014567890', mobile: { carrier: 'OTROS', number: '0987654321' } }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(RegistrationSchema.parse(await res.json())).toMatchObject({ country: 'PE', province: null, city: null });
  });

  it('a stale version → 409 VERSION_CONFLICT and nothing changes', async () => {
    const token = await server.login('beto');
    const reg = await getRegistration(server, token);
    expect((await put(server, token, keepEmailBody(reg, { phone1: '042222222' }))).status).toBe(200);
    const before = (await stateOf(server));
    const res = await put(server, token, keepEmailBody(reg, { phone1: '043333333' }));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: 'VERSION_CONFLICT', message: ERROR_MESSAGES.VERSION_CONFLICT });
    expect((await stateOf(server))).toEqual(before);
  });

  it('two saves with the same version at once: exactly one 200, the other 409 VERSION_CONFLICT, version + 1 once', async () => {
    const [a, b] = [await server.login('carla'), await server.login('carla')];
    const reg = await getRegistration(server, a);
    const results = await Promise.all([
      put(server, a, keepEmailBody(reg, { phone1: '042000001' })),
      put(server, b, keepEmailBody(reg, { phone1: '042000002' })),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect((await errorOf(loser as Response)).code).toBe('VERSION_CONFLICT');
    const winner = RegistrationSchema.parse(await (results.find((r) => r.status === 200) as Response).json());
    const now = await getRegistration(server, a);
    expect(now.version).toBe(reg.version + 1);
    expect(now.phone1).toBe(winner.phone1);
    expect((await auditOf(server, 'carla')).filter((e) => e.action === 'registration.update')).toHaveLength(1);
  });

  it('Nombre de Usuario: a correction of exactly the limit is saved; one more letter → 422 NAME_CHANGE_TOO_LARGE', async () => {
    const token = await server.login('dario');
    const reg = await getRegistration(server, token);
    const limit = nameCorrectionLimit(reg.name);
    expect(limit).toBe(6); // "juan carlos perez mendoza": 25 characters, 25 % = 6.

    const tooFar = withSubstitutions(reg.name, limit + 1);
    expect(nameChangeDistance(reg.name, tooFar)).toBe(limit + 1);
    const before = (await stateOf(server));
    const refused = await put(server, token, keepEmailBody(reg, { name: tooFar }));
    expect(refused.status).toBe(422);
    const error = await errorOf(refused);
    expect(error).toEqual({
      code: 'NAME_CHANGE_TOO_LARGE',
      message: ERROR_MESSAGES.NAME_CHANGE_TOO_LARGE,
      fields: { name: ERROR_MESSAGES.NAME_CHANGE_TOO_LARGE },
    });
    // The message names the way to a new registration: the "Dar de baja" button (numeral 5.8), then a new user
    // through "Solicitud de registro para Usuario General".
    expect(error.message).toMatch(/dé de baja a este usuario con el botón "Dar de baja".*5\.8.*cree el nuevo usuario con la opción "Solicitud de registro para Usuario General"/);
    expect((await stateOf(server))).toEqual(before);

    const justRight = withSubstitutions(reg.name, limit);
    expect(nameChangeDistance(reg.name, justRight)).toBe(limit);
    const saved = await put(server, token, keepEmailBody(reg, { name: justRight }));
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(RegistrationSchema.parse(await saved.json()).name).toBe(justRight);
  });

  it('accents, case and extra spaces are not counted as changes', async () => {
    const token = await server.login('jperez');
    const reg = await getRegistration(server, token);
    const res = await put(server, token, keepEmailBody(reg, { name: '  JUAN   CARLOS PEREZ   MENDOZA ' }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await auditOf(server, 'jperez')).at(-1)?.fields).toEqual(['name']);
  });
});
