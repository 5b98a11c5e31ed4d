import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../src-shared/contract';
import { draftValuesOf, hasChanges, restoredValues } from '../../../src-renderer/screens/usuario-general/draft-values';
import { valuesFromRegistration } from '../../../src-renderer/screens/usuario-general/form-values';
import { JPEREZ_REGISTRATION } from '../../fixtures/jperez';

const stored = valuesFromRegistration({ ...JPEREZ_REGISTRATION, version: 3 });
const base = draftValuesOf(stored);

function draftOf(version: number, values: Partial<typeof base>): Draft {
  return { userId: 'jperez', savedAt: '2026-12-02T10:00:00.000Z', version, base, values: { ...base, ...values } };
}

describe('restoring a draft', () => {
  it('same version: the draft as typed, nothing named', () => {
    const { values, serverChanged } = restoredValues(draftOf(3, { phone1: '042987654', fax: '042111222' }), stored, 3);
    expect(values.phone1).toBe('042987654');
    expect(values.fax).toBe('042111222');
    expect(serverChanged).toEqual([]);
  });

  it('the registration changed on the server meanwhile: server values with the typed changes on top, the changed fields named', () => {
    const server = { ...stored, fax: '042000111', mobileNumber: '0998887777', phone1: '042000000' };
    const { values, serverChanged } = restoredValues(draftOf(3, { phone1: '042987654', email: 'n@example.com' }), server, 4);
    // Typed by the user: theirs wins.
    expect(values.phone1).toBe('042987654');
    expect(values.email).toBe('n@example.com');
    // Not typed: the server's newer value.
    expect(values.fax).toBe('042000111');
    expect(values.mobileNumber).toBe('0998887777');
    expect(serverChanged.sort()).toEqual(['fax', 'mobileNumber', 'phone1']);
  });

  it('the prefilled Correo electrónico: left untouched it is no change; typed over, the draft restores what was typed', () => {
    expect(stored.email).toBe(JPEREZ_REGISTRATION.email);
    expect(hasChanges(valuesFromRegistration({ ...JPEREZ_REGISTRATION, version: 3 }), stored)).toBe(false);
    expect(hasChanges({ ...stored, keepEmail: 'si' }, stored)).toBe(true);
    expect(hasChanges({ ...stored, email: 'n@example.com' }, stored)).toBe(true);
    expect(restoredValues(draftOf(3, { email: 'n@example.com', emailConfirmation: 'n@example.com' }), stored, 3).values).toMatchObject({
      email: 'n@example.com',
      emailConfirmation: 'n@example.com',
    });
    expect(restoredValues(draftOf(3, { email: '' }), stored, 3).values.email).toBe('');
  });

  it('a draft written before Correo electrónico was prefilled (held empty in it) restores the registered address', () => {
    const older: Draft = { ...draftOf(3, {}), base: { ...base, email: '' }, values: { ...base, email: '', fax: '042111222' } };
    const { values, serverChanged } = restoredValues(older, stored, 3);
    expect(values.email).toBe(JPEREZ_REGISTRATION.email);
    expect(values.fax).toBe('042111222');
    expect(serverChanged).toEqual([]);
    expect(hasChanges({ ...values, fax: stored.fax }, stored)).toBe(false);
  });

  it('never carries a secret, and a typed password alone counts as a change to guard', () => {
    const typed = { ...stored, currentPassword: 'Aduana#2026', securityCode: 'ABCD2345' };
    expect(Object.keys(draftValuesOf(typed))).not.toContain('currentPassword');
    expect(Object.keys(draftValuesOf(typed))).not.toContain('securityCode');
    expect(hasChanges(typed, stored)).toBe(true);
    expect(hasChanges(stored, stored)).toBe(false);
  });
});
