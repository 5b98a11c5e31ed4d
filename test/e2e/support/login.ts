import { expect, type Page } from '@playwright/test';

export const DEMO = {
  jperez: { userId: 'jperez', password: 'Aduana#2026' },
} as const;

export async function login(window: Page, userId: string, password: string): Promise<void> {
  await window.getByLabel('ID.usuario').fill(userId);
  await window.getByLabel('Contraseña', { exact: true }).fill(password);
  await window.getByRole('button', { name: 'Ingresar' }).click();
}

/** Menú > Soporte al Cliente > Registro de usuario > 3.2.3 ..., then the chooser's option. */
export async function openUsuarioGeneralForm(window: Page): Promise<void> {
  await window.getByRole('button', { name: 'Menú' }).click();
  await window.getByRole('button', { name: 'Soporte al Cliente' }).click();
  await window.getByRole('button', { name: 'Registro de usuario' }).click();
  await window.getByRole('button', { name: '3.2.3 Modificar información de registro de usuario' }).click();
  await expect(window.getByRole('heading', { name: 'Modificar información del uso' })).toBeVisible();
  await window.getByRole('button', { name: 'Modificar información de registro para Usuario General' }).click();
  await expect(
    window.getByRole('heading', { name: 'Modificar información de registro para Usuario General' }),
  ).toBeVisible();
}

/** "Modificar" keeping the registered e-mail (Si), then Sí in the Confirmación dialog: the form's PUT goes out. */
export async function modificarKeepingEmail(window: Page): Promise<void> {
  await window.getByRole('radio', { name: 'Si' }).check();
  await window.getByRole('button', { name: 'Modificar', exact: true }).click();
  await window.getByRole('alertdialog', { name: 'Confirmación' }).getByRole('button', { name: 'Sí' }).click();
}
