import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { validateForm, type FormContext } from '../../../src-renderer/screens/usuario-general/form-rules';
import { payloadFromValues, valuesFromRegistration, type FormValues } from '../../../src-renderer/screens/usuario-general/form-values';
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
const NEW_ADDRESS = 'juan.perez@example.org';
const edited = (patch: Partial<FormValues>): FormValues => ({ ...opened, ...patch });

describe('Desea mantener el mismo correo electrónico: No (the default) and the Correo electrónico it shows', () => {
  it('the form opens on "No" with Correo electrónico holding the registered address and its confirmation empty', () => {
    expect(opened.keepEmail).toBe('no');
    expect(opened.email).toBe('jperez@example.com');
    expect(opened.emailConfirmation).toBe('');
    expect(opened.securityCode).toBe('');
  });

  it('with "No" and the registered address left as it is, Modificar says at Correo electrónico to choose "Si"', () => {
    const errors = validateForm(opened, ctx);
    expect(errors.email).toBe(MSG.emailSameAsCurrent);
    expect(errors.emailConfirmation).toBe(MSG.required);
    expect(errors.securityCode).toBe(MSG.securityCodeRequired);
  });

  it('the registered address in other capitals or with spaces around it is still the registered address', () => {
    expect(validateForm(edited({ email: '  JPerez@Example.com ' }), ctx).email).toBe(MSG.emailSameAsCurrent);
  });

  it('with "Si" no email field is asked for, and the payload carries no address', () => {
    const keep = edited({ keepEmail: 'si' });
    expect(validateForm(keep, ctx)).toEqual({});
    const payload = payloadFromValues(keep, ctx.version) as Record<string, unknown>;
    expect(payload.keepEmail).toBe(true);
    expect(payload).not.toHaveProperty('email');
    expect(payload).not.toHaveProperty('emailConfirmation');
    expect(payload).not.toHaveProperty('securityCode');
  });

  it('a new address typed over the registered one, verified and with its code, is what is sent', () => {
    const changing = edited({ email: NEW_ADDRESS, emailConfirmation: NEW_ADDRESS, securityCode: 'ABCD2345' });
    expect(validateForm(changing, { ...ctx, emailVerified: true })).toEqual({});
    expect(validateForm(changing, ctx).email).toBe(MSG.emailNotVerified);
    expect(payloadFromValues(changing, ctx.version)).toMatchObject({
      keepEmail: false,
      email: NEW_ADDRESS,
      emailConfirmation: NEW_ADDRESS,
      securityCode: 'ABCD2345',
    });
  });
});

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
