import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { validateForm, type FormContext } from '../../../src-renderer/screens/usuario-general/form-rules';
import { valuesFromRegistration, type FormValues } from '../../../src-renderer/screens/usuario-general/form-values';
import { JPEREZ_REGISTRATION } from '../../fixtures/jperez';

/** The Usuario General form as it opens for jperez, and what "Modificar" would check and send. */
const opened = valuesFromRegistration(JPEREZ_REGISTRATION);
const ctx: FormContext = {
  userId: JPEREZ_REGISTRATION.userId,
  currentName: JPEREZ_REGISTRATION.name,
  currentEmail: JPEREZ_REGISTRATION.email,
  version: JPEREZ_REGISTRATION.version,
  emailVerified: false,
  passwordVerified: false,
};
const edited = (patch: Partial<FormValues>): FormValues => ({ ...opened, ...patch });

describe('the way to another user: dar de baja (numeral 5.8), then a new registration', () => {
  const way = /dé de baja a este usuario con el botón "Dar de baja".*numeral 5\.8.*cree el nuevo usuario con la opción "Solicitud de registro para Usuario General"/;

  it('a wholly different Nombre de Usuario is refused at the field with the way to the new registration', () => {
    const errors = validateForm(edited({ keepEmail: 'si', name: 'Pedro Pablo Rodríguez' }), ctx);
    expect(errors.name).toBe(ERROR_MESSAGES.NAME_CHANGE_TOO_LARGE);
    expect(errors.name).toMatch(/^Solo se permite corregir apellidos o nombres mal escritos\. Para cambiar completamente el nombre, /);
    expect(errors.name).toMatch(way);
  });

  it('the hint under the read-only ID.usuario names the same way', () => {
    expect(MSG.userIdFixed).toMatch(/^El ID\.usuario no se puede corregir\. Para cambiarlo, /);
    expect(MSG.userIdFixed).toMatch(way);
  });
});
