import { describe, expect, it } from 'vitest';
import {
  PasswordResetRequestSchema,
  canonicalRecoveryCode,
  forcedPasswordChangeSchema,
  isRecoveryCode,
  isTotpCode,
  verificationCodeField,
} from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { groupedKey, qrDataUrl } from '../../../src-main/account/two-factor-service';
import { looksLikeAutomaticKey, newAutomaticKey, newRecoveryCodes } from '../../../src-server/security/automatic-key';

const body = { userId: 'jperez', idDocument: '0924680135', email: 'jperez@example.com' };
const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('Solicitud de reinicio de clave automática: the shape', () => {
  it('accepts a valid cédula, a natural-person RUC and a passport; refuses wrong check digits', () => {
    expect(PasswordResetRequestSchema.safeParse(body).success).toBe(true);
    expect(PasswordResetRequestSchema.safeParse({ ...body, idDocument: '0924680135001' }).success).toBe(true);
    expect(PasswordResetRequestSchema.safeParse({ ...body, idDocument: 'AB123456' }).success).toBe(true);
    expect(fieldsOf(PasswordResetRequestSchema.safeParse({ ...body, idDocument: '0924680136' }))).toEqual({ idDocument: 'El número de cédula no es válido.' });
    expect(fieldsOf(PasswordResetRequestSchema.safeParse({ ...body, idDocument: '0924680136001' }))).toEqual({ idDocument: 'El número de RUC no es válido.' });
    expect(PasswordResetRequestSchema.safeParse({ ...body, idDocument: 'AB-123' }).success).toBe(false);
    expect(PasswordResetRequestSchema.safeParse({ ...body, classification: 'AGENTE' }).success).toBe(false);
  });
});

describe('codes', () => {
  it('a TOTP code is 6 digits; a recovery code 16 of the alphabet in any case, dashes or spaces', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    const [code] = newRecoveryCodes();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(isRecoveryCode(code!.toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(canonicalRecoveryCode(' abcd-efgh jkmn-pqrs ')).toBe('ABCDEFGHJKMNPQRS');
    expect(isRecoveryCode('ABCD-EFGH-IJKL-MNOP')).toBe(false);
    expect(verificationCodeField.safeParse('12a456').success).toBe(false);
    expect(new Set(newRecoveryCodes()).size).toBe(10);
  });

  it('only a key-shaped password is tried as an automatic key', () => {
    const key = newAutomaticKey();
    expect(key).toMatch(/^[A-HJ-NP-Z2-9]{14}$/);
    expect(looksLikeAutomaticKey(key.toLowerCase())).toBe(true);
    expect(looksLikeAutomaticKey('Aduana#2026')).toBe(false);
  });
});

describe('Cambio de clave obligatorio', () => {
  it('the usual password rules, and the confirmation', () => {
    const schema = forcedPasswordChangeSchema('jperez');
    expect(schema.safeParse({ newPassword: 'Nueva#Clave2027', confirmation: 'Nueva#Clave2027' }).success).toBe(true);
    expect(fieldsOf(schema.safeParse({ newPassword: 'Jperez#2027x', confirmation: 'Jperez#2027x' }))).toEqual({ newPassword: MSG.passwordContainsUserId });
    expect(fieldsOf(schema.safeParse({ newPassword: 'Nueva#Clave2027', confirmation: 'Otra' }))).toEqual({ confirmation: MSG.passwordMismatch });
  });
});

describe('the enrolment as the page gets it', () => {
  it('an SVG data URL drawn locally, and the key in groups of 4', async () => {
    const url = await qrDataUrl('otpauth://totp/Ecuapass:jperez?secret=JBSWY3DPEHPK3PXP&issuer=Ecuapass');
    expect(url).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').toString('utf8')).toMatch(/^<svg /);
    expect(groupedKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });
});
