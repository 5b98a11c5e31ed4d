import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type ActivityEvent } from '../../../src-shared/contract';
import { ACTION_LABELS, describeEvent, deviceLabel } from '../../../src-renderer/screens/mi-cuenta/labels';

const event = (over: Partial<ActivityEvent>): ActivityEvent => ({
  id: 1,
  at: '2026-12-08T00:00:00.000Z',
  action: 'session.login',
  fields: [],
  device: null,
  ip: null,
  ...over,
});

describe('Actividad de la cuenta: how events read (issue 28)', () => {
  it('every audit action has a Spanish name', () => {
    for (const action of AUDIT_ACTIONS) expect(ACTION_LABELS[action]).toMatch(/^[A-ZÁÉÍÓÚ]/);
  });

  it('a modification names its fields by their form labels; e-mail and password changes are named as such', () => {
    expect(describeEvent(event({ action: 'registration.update', fields: ['phone1', 'mobile.carrier'] }))).toBe('Modificación: Teléfono1, Operador');
    expect(describeEvent(event({ action: 'registration.update', fields: ['email', 'password'] }))).toBe(
      'Cambio de correo electrónico; Cambio de contraseña',
    );
  });

  it('closed sessions say how', () => {
    expect(describeEvent(event({ action: 'session.closed', fields: ['other_sessions'] }))).toBe('Se cerraron las demás sesiones');
    expect(describeEvent(event({ action: 'session.closed', fields: ['session'] }))).toBe('Sesión cerrada desde Mi cuenta');
    expect(describeEvent(event({ action: 'session.closed' }))).toBe('Salida (Cerrar sesión)');
  });

  it('the device as the app described it, or Desconocido', () => {
    expect(deviceLabel({ host: 'PC-1', os: 'Windows 11 (10.0.22631)', app: '1.0.0' })).toBe('PC-1 (Windows 11 (10.0.22631))');
    expect(deviceLabel({ host: 'PC-1', os: null, app: null })).toBe('PC-1');
    expect(deviceLabel(null)).toBe('Desconocido');
  });
});
