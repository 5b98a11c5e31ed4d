import { expect, test, type Page } from '@playwright/test';
import { launchApp, newUserDataDir, screenshot } from './support/desktop-app';
import { DEMO, login, openUsuarioGeneralForm } from './support/login';
import { mailbox, securityCodeSentTo } from './support/mailbox';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'serial' });

const ctx = useBackendAndApp();

const profile = newUserDataDir();

/** The way to another user (instructivo 5.5.1): dar de baja with its button, numeral 5.8, then a new registration. */
const NEW_USER_WAY = /dé de baja a este usuario con el botón "Dar de baja".*numeral 5\.8.*cree el nuevo usuario con la opción "Solicitud de registro para Usuario General"/;
const SAME_AS_CURRENT = 'Es el correo que ya tiene registrado. Elija "Si" en "Desea mantener el mismo correo electrónico".';

async function openForm(): Promise<Page> {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile });
  const { window } = ctx.running;
  await expect(window.getByLabel('ID.usuario').or(window.getByRole('button', { name: 'Menú' })).first()).toBeVisible();
  if (await window.getByRole('button', { name: 'Ingresar' }).isVisible()) {
    await login(window, DEMO.jperez.userId, DEMO.jperez.password);
  }
  await openUsuarioGeneralForm(window);
  return window;
}

async function confirmAndAccept(window: Page): Promise<void> {
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();
  const confirm = window.getByRole('alertdialog', { name: 'Confirmación' });
  await expect(confirm).toContainText('¿Está seguro de modificar la información de registro?');
  await confirm.getByRole('button', { name: 'Sí' }).click();
  const done = window.getByRole('dialog', { name: 'Información' });
  await expect(done).toContainText('La información de registro se modificó con éxito.');
  await screenshot(window, '13-form-saved');
  await done.getByRole('button', { name: 'Aceptar' }).click();
  await expect(done).toBeHidden();
}

test('every field of the instructivo is on the form with its label, and its rules show at the field', async () => {
  const window = await openForm();
  for (const label of [
    'ID.usuario', 'Doc. Identificación', 'Nombre de Usuario', 'Contraseña anterior', 'Contraseña',
    'Confirmación de contraseña', 'País', 'Provincia', 'Ciudad', 'Teléfono1', 'Teléfono2', 'Operador', 'Celular',
    'Fax', 'Correo electrónico', 'Confirmación de correo electrónico', 'Ingrese código de seguridad',
    'Senae correo electrónico',
  ]) {
    await expect(window.getByLabel(label, { exact: true })).toHaveCount(1);
  }
  // Instructivo 4.2.2: the required fields carry a red asterisk (and aria-required); the optional ones none.
  const REQUIRED = ['Nombre de Usuario', 'País', 'Provincia', 'Ciudad', 'Teléfono1', 'Operador', 'Celular',
    'Correo electrónico', 'Confirmación de correo electrónico', 'Ingrese código de seguridad'];
  for (const label of REQUIRED) {
    await expect(window.getByLabel(label, { exact: true }), label).toHaveAttribute('aria-required', 'true');
    const mark = window.locator('.field-label-row', { has: window.getByText(label, { exact: true }) }).locator('.required-mark');
    await expect(mark, label).toHaveText('*');
    await expect(mark, label).toHaveCSS('color', 'rgb(198, 40, 40)');
  }
  for (const label of ['ID.usuario', 'Doc. Identificación', 'Contraseña anterior', 'Teléfono2', 'Fax', 'Senae correo electrónico']) {
    await expect(window.getByLabel(label, { exact: true }), label).not.toHaveAttribute('aria-required', 'true');
  }
  await expect(window.locator('.required-mark')).toHaveCount(REQUIRED.length);
  await expect(window.getByRole('radio', { name: 'No' })).toBeChecked();
  await expect(window.getByLabel('ID.usuario')).not.toBeEditable();
  // Read-only, and its hint (aria-describedby) says how to get another ID.usuario, pointing to the button.
  await expect(window.getByLabel('ID.usuario')).toHaveAccessibleDescription(/^El ID\.usuario no se puede corregir\. Para cambiarlo, /);
  await expect(window.getByLabel('ID.usuario')).toHaveAccessibleDescription(NEW_USER_WAY);
  await expect(window.getByRole('button', { name: 'Dar de baja' })).toBeVisible();
  // "No" is chosen and Correo electrónico shows the registered address, as the instructivo's screen does.
  await expect(window.getByLabel('Correo electrónico', { exact: true })).toHaveValue('jperez@example.com');
  await expect(window.getByLabel('Confirmación de correo electrónico')).toHaveValue('');
  await expect(window.getByLabel('Doc. Identificación')).not.toBeEditable();
  await expect(window.getByLabel('Senae correo electrónico')).not.toBeEditable();
  await expect(window.getByLabel('Contraseña', { exact: true })).toBeDisabled();
  await window.screenshot({ path: 'test-results/screens/10-form-clean.png', fullPage: true });

  await window.getByLabel('Teléfono1').fill('42345678');
  await window.getByLabel('Celular').fill('0891234567');
  await window.getByLabel('Fax').fill('12ab');
  await window.getByLabel('Nombre de Usuario').fill('Pedro Pablo Rodríguez');
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();

  await expect(window.getByRole('alert').first()).toContainText('Revise los campos marcados');
  const phone = window.getByLabel('Teléfono1');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(window.locator('#ug-phone1-error')).toHaveText(/Debe empezar con 0/);
  await expect(window.locator('#ug-mobile-error')).toHaveText(/09XXXXXXXX/);
  await expect(window.locator('#ug-fax-error')).toHaveText(/solo admite números/);
  await expect(window.locator('#ug-name-error')).toHaveText(/^Solo se permite corregir apellidos o nombres mal escritos\./);
  await expect(window.locator('#ug-name-error')).toHaveText(NEW_USER_WAY);
  // "No" with the registered address left as it is: the field says to choose "Si".
  await expect(window.locator('#ug-email-error')).toHaveText(SAME_AS_CURRENT);
  await expect(window.locator('#ug-emailConfirmation-error')).toHaveText('Este campo es obligatorio.');
  // The first field in error has the focus.
  await expect(window.getByLabel('Nombre de Usuario')).toBeFocused();
  await window.screenshot({ path: 'test-results/screens/11-form-errors.png', fullPage: true });
});

test('Ciudad lists only the cantons of the chosen Provincia; outside Ecuador both are disabled', async () => {
  const window = await openForm();
  await expect(window.getByLabel('Provincia')).toHaveValue('09');
  await expect(window.getByLabel('Ciudad').locator('option')).toHaveCount(25 + 1);
  await window.getByLabel('Provincia').selectOption({ label: 'Pichincha' });
  await expect(window.getByLabel('Ciudad')).toHaveValue('');
  await expect(window.getByLabel('Ciudad').locator('option')).toHaveCount(8 + 1);
  await expect(window.getByLabel('Ciudad').locator('option', { hasText: 'Guayaquil' })).toHaveCount(0);
  await window.getByLabel('País').selectOption('CO');
  await expect(window.getByLabel('Provincia')).toBeDisabled();
  await expect(window.getByLabel('Ciudad')).toBeDisabled();
  // País lists Spanish names in Spanish order.
  const names = await window.getByLabel('País').locator('option').allTextContents();
  expect(names).toContain('Emiratos Árabes Unidos');
  expect(names.indexOf('Ecuador')).toBeLessThan(names.indexOf('Egipto'));
});

test('Correo electrónico opens with the registered address: not available to itself, kept through Si → No → Si, no unsaved changes', async () => {
  const window = await openForm();
  const email = window.getByLabel('Correo electrónico', { exact: true });
  await expect(email).toHaveValue('jperez@example.com');
  await expect(email).toBeEditable();
  await expect(window.getByLabel('Confirmación de correo electrónico')).toHaveValue('');

  // An address is available only when nobody has it, the user included: the answer is at the field.
  await window.getByRole('button', { name: 'Verificar disponibilidad' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(SAME_AS_CURRENT);
  await expect(window.getByText('El correo electrónico está disponible.')).toHaveCount(0);
  await expect(window.getByRole('button', { name: 'Solicitar código de seguridad' })).toBeDisabled();
  await screenshot(window, '17-email-registered-address');

  await window.getByRole('radio', { name: 'Si' }).check();
  await expect(email).toBeDisabled();
  await expect(email).not.toHaveAttribute('aria-invalid');
  await window.getByRole('radio', { name: 'No' }).check();
  await expect(email).toBeEditable();
  await expect(email).toHaveValue('jperez@example.com');
  await expect(email).not.toHaveAttribute('aria-invalid');
  await window.getByRole('radio', { name: 'Si' }).check();
  await expect(email).toHaveValue('jperez@example.com');
  await window.getByRole('radio', { name: 'No' }).check();

  // Back to how it opened: nothing to save, so leaving the form asks nothing.
  await window.getByRole('button', { name: 'Configuración' }).click();
  await expect(window.getByRole('heading', { name: 'Configuración de conexión' })).toBeVisible();
  await expect(window.getByRole('alertdialog', { name: 'Cambios sin guardar' })).toHaveCount(0);
});

test('changes Teléfono1, Provincia/Ciudad and the email with the security code; a restart shows the new values', async () => {
  const window = await openForm();
  await window.getByLabel('Teléfono1').fill('022345678');
  await window.getByLabel('Provincia').selectOption({ label: 'Pichincha' });
  await window.getByLabel('Ciudad').selectOption({ label: 'Quito' });

  const newEmail = 'juan.perez@example.org';
  await window.getByLabel('Correo electrónico', { exact: true }).fill(newEmail);
  await window.getByLabel('Confirmación de correo electrónico').fill(newEmail);
  await window.getByRole('button', { name: 'Verificar disponibilidad' }).click();
  await expect(window.getByText('El correo electrónico está disponible.')).toBeVisible();
  // Once verified, the address cannot be changed in this edit.
  await expect(window.getByLabel('Correo electrónico', { exact: true })).not.toBeEditable();
  await expect(window.getByLabel('Confirmación de correo electrónico')).not.toBeEditable();

  await window.getByRole('button', { name: 'Solicitar código de seguridad' }).click();
  const sent = window.getByRole('dialog', { name: 'Código de seguridad enviado' });
  await expect(sent).toContainText(newEmail);
  // The validity comes from the backend's expiresAt (15 minutes by default), not a hard-coded text.
  await expect(sent).toContainText(/vence en 1[45] minutos \(a las \d\d:\d\d\)/);
  await screenshot(window, '12-code-sent');
  await sent.getByRole('button', { name: 'Aceptar' }).click();

  const code = await securityCodeSentTo(ctx.backend.url, newEmail);
  await window.getByLabel('Ingrese código de seguridad').fill(code);
  await confirmAndAccept(window);

  await ctx.running!.close();
  const again = await openForm();
  await expect(again.getByLabel('Teléfono1')).toHaveValue('022345678');
  await expect(again.getByLabel('Provincia')).toHaveValue('17');
  await expect(again.getByLabel('Ciudad')).toHaveValue('1701');
  await expect(again.getByText(`Correo registrado actualmente: ${newEmail}`)).toBeVisible();
  await expect(again.getByLabel('Correo electrónico', { exact: true })).toHaveValue(newEmail);
  await expect(again.getByLabel('Confirmación de correo electrónico')).toHaveValue('');
  // The previous address was told about the change.
  const notices = (await mailbox(ctx.backend.url)).filter((m) => m.to === 'jperez@example.com');
  expect(notices.length).toBeGreaterThan(0);
});

test('changes the password, then logs in with the new one', async () => {
  const window = await openForm();
  await window.getByLabel('Contraseña anterior').fill(DEMO.jperez.password);
  await window.getByRole('button', { name: 'Verificar contraseña' }).click();
  await expect(window.getByLabel('Contraseña', { exact: true })).toBeEnabled();
  await window.getByLabel('Contraseña', { exact: true }).fill('Nueva#Clave2027');
  await window.getByLabel('Confirmación de contraseña').fill('Nueva#Clave2027');
  await window.getByRole('radio', { name: 'Si' }).check();
  await confirmAndAccept(window);

  await window.getByRole('button', { name: 'Cerrar sesión' }).click();
  await login(window, 'jperez', DEMO.jperez.password);
  await expect(window.getByRole('alert')).toHaveText('El ID.usuario o la contraseña no son correctos.');
  await login(window, 'jperez', 'Nueva#Clave2027');
  await expect(window.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
});

test('with the backend stopped, Modificar shows a Spanish error and every typed value stays', async () => {
  const window = await openForm();
  await window.getByLabel('Teléfono1').fill('047654321');
  await window.getByLabel('Teléfono2').fill('042222222');
  await window.getByLabel('Fax').fill('042333333');
  await window.getByRole('radio', { name: 'Si' }).check();
  await ctx.backend.stop();
  try {
    await window.getByRole('button', { name: 'Modificar', exact: true }).click();
    await window.getByRole('alertdialog', { name: 'Confirmación' }).getByRole('button', { name: 'Sí' }).click();
    await expect(window.getByRole('alert')).toContainText('No se pudo conectar con el servidor de Ecuapass');
    await expect(window.getByLabel('Teléfono1')).toHaveValue('047654321');
    await expect(window.getByLabel('Teléfono2')).toHaveValue('042222222');
    await expect(window.getByLabel('Fax')).toHaveValue('042333333');
    await expect(window.getByRole('radio', { name: 'Si' })).toBeChecked();
    await screenshot(window, '14-backend-down');
  } finally {
    await ctx.backend.start();
  }
  // The sandbox re-seeded its demo users when it restarted, so the stored data changed meanwhile:
  // the app says so and reloads it without losing what was typed.
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();
  await window.getByRole('alertdialog', { name: 'Confirmación' }).getByRole('button', { name: 'Sí' }).click();
  const conflict = window.getByRole('alertdialog', { name: 'Datos modificados en otra sesión' });
  await expect(conflict).toBeVisible();
  await screenshot(window, '16-version-conflict');
  await conflict.getByRole('button', { name: 'Sí' }).click();
  await expect(window.getByLabel('Teléfono1')).toHaveValue('047654321');
  await expect(window.getByLabel('Fax')).toHaveValue('042333333');
  await confirmAndAccept(window);
  await expect(window.getByLabel('Teléfono1')).toHaveValue('047654321');
});
