import { describe, expect, it } from 'vitest';
import { RegistrationSchema } from '../../../src-shared/contract';
import { API, serverForFile } from './harness';
import { JPEREZ_REGISTRATION } from '../../fixtures/jperez';

const server = serverForFile();

async function registrationOf(userId: string) {
  const token = await server.login(userId);
  const res = await server.request(`${API}/general-user/registration`, { token });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body: unknown = await res.json();
  // Exactly the contract's keys, nothing more (no password hash, no lock fields).
  expect(Object.keys(body as object).sort()).toEqual(Object.keys(RegistrationSchema.shape).sort());
  return RegistrationSchema.parse(body);
}

describe('GET /api/v1/general-user/registration', () => {
  it('returns the seeded values of a user in Ecuador', async () => {
    expect(await registrationOf('jperez')).toEqual(JPEREZ_REGISTRATION);
  });

  it('returns the seeded values of a user living abroad (no province, no city)', async () => {
    expect(await registrationOf('mlopez')).toEqual({
      userId: 'mlopez',
      idDocument: '52841967',
      name: 'María Fernanda López',
      country: 'CO',
      province: null,
      city: null,
      phone1: '016012345678',
      phone2: null,
      mobile: { carrier: 'MOVISTAR', number: '03001234567' },
      fax: null,
      email: 'mlopez@example.com',
      senaeEmail: 'mlopez@correo.aduana.gob.ec',
      version: 1,
    });
  });

  it("answers the caller's own registration only (the token decides, not a parameter)", async () => {
    const token = await server.login('cvera');
    const res = await server.request(`${API}/general-user/registration?userId=jperez`, { token });
    expect(RegistrationSchema.parse(await res.json()).userId).toBe('cvera');
  });
});
