import { describe, expect, it } from 'vitest';
import { registrationChanges, type ComparableRegistration } from '../../../src-shared/registration/changes';

const BEFORE: ComparableRegistration = {
  name: 'Juan Carlos Pérez Mendoza',
  country: 'EC',
  province: '09',
  city: '0901',
  phone1: '042345678',
  phone2: null,
  mobile: { carrier: 'CLARO', number: '0991234567' },
  fax: null,
  email: 'jperez@example.com',
};

describe('Resumen de cambios (issue 28)', () => {
  it('nothing changed: no change, no password', () => {
    expect(registrationChanges(BEFORE, { ...BEFORE, mobile: { ...BEFORE.mobile } }, false)).toEqual({ changes: [], passwordChanged: false });
  });

  it('names each changed field with the form’s label, old → new, in the form’s order; empty shows (vacío)', () => {
    const after = { ...BEFORE, phone1: '042999888', fax: '042111222', phone2: '', mobile: { carrier: 'MOVISTAR', number: '0991234567' } };
    expect(registrationChanges(BEFORE, after, false).changes).toEqual([
      { field: 'phone1', label: 'Teléfono1', from: '042345678', to: '042999888' },
      { field: 'mobile.carrier', label: 'Operador', from: 'Claro', to: 'Movistar' },
      { field: 'fax', label: 'Fax', from: '(vacío)', to: '042111222' },
    ]);
  });

  it('País, Provincia and Ciudad by name; leaving Ecuador empties Provincia and Ciudad', () => {
    const after = { ...BEFORE, country: 'CO', province: null, city: null };
    expect(registrationChanges(BEFORE, after, false).changes).toEqual([
      { field: 'country', label: 'País', from: 'Ecuador', to: 'Colombia' },
      { field: 'province', label: 'Provincia', from: 'Guayas', to: '(vacío)' },
      { field: 'city', label: 'Ciudad', from: 'Guayaquil', to: '(vacío)' },
    ]);
  });

  it('an address differing only in case is no change (addresses are stored in lower case)', () => {
    expect(registrationChanges(BEFORE, { ...BEFORE, email: 'JPerez@Example.com' }, false).changes).toEqual([]);
  });

  it('a password change is said, never valued', () => {
    const summary = registrationChanges(BEFORE, BEFORE, true);
    expect(summary).toEqual({ changes: [], passwordChanged: true });
  });
});
