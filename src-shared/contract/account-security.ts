import { z } from 'zod';
import { requiredString } from '../registration/fields';
import { MSG } from '../registration/messages';
import { passwordPolicyViolation } from '../registration/password-policy';
import { describeIdDocument } from '../identity/id-document';
import { ID_USUARIO_MAX, LoginResponseSchema } from './http';

/**
 * Reiniciar clave and Verificación en dos pasos (issue 27): the wire shapes of POST /password-resets, the login's
 * "Código de verificación" step, the forced change after an automatic key, and the TOTP enrolment
 * (docs/architecture.md §5).
 */

/** The only Clasificación de usuario this app serves (the portal's form offers others). */
export const USER_CLASSIFICATIONS = ['USUARIO_GENERAL'] as const;
export const USER_CLASSIFICATION_LABELS: Readonly<Record<(typeof USER_CLASSIFICATIONS)[number], string>> = {
  USUARIO_GENERAL: 'Usuario General',
};

export const RESET_MSG = {
  idDocumentMax: 'El documento de identificación tiene como máximo 20 caracteres.',
  idDocumentChars: 'Use solo letras y números, sin espacios ni guiones.',
  /** The uniform answer of POST /password-resets, whatever matched. */
  accepted:
    'Si los datos corresponden a un Usuario General activo, en unos minutos recibirá en el correo electrónico registrado una clave automática, válida durante 30 minutos y para un solo ingreso.',
  codeFormat: 'Ingrese los 6 dígitos del código de verificación o un código de recuperación (XXXX-XXXX-XXXX-XXXX).',
} as const;

/**
 * Doc. Identificación of the reset request: a cédula (10 digits) or RUC (13) must pass its check digit; a passport
 * or another document is letters and digits, at most 20.
 */
export const idDocumentField = requiredString()
  .trim()
  .min(1, MSG.required)
  .max(20, RESET_MSG.idDocumentMax)
  .regex(/^[A-Za-z0-9]+$/, RESET_MSG.idDocumentChars)
  .superRefine((value, ctx) => {
    const described = describeIdDocument(value);
    if (described.kind !== 'other' && !described.valid) ctx.addIssue({ code: 'custom', message: described.message ?? MSG.required });
  });

const emailField = requiredString()
  .normalize('NFC')
  .trim()
  .min(1, MSG.required)
  .pipe(z.email(MSG.emailInvalid))
  .pipe(z.string().max(254, MSG.emailInvalid));

const userIdField = requiredString().normalize('NFC').trim().min(1, MSG.required).max(ID_USUARIO_MAX, MSG.invalidType);

/** POST /password-resets ("Solicitud de reinicio de clave automática"). */
export const PasswordResetRequestSchema = z.strictObject({
  classification: z.enum(USER_CLASSIFICATIONS, { error: MSG.required }).optional(),
  userId: userIdField,
  idDocument: idDocumentField,
  email: emailField,
});
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/** 202, the same body whether or not the data matched. */
export const PasswordResetAcceptedSchema = z.object({ message: z.string() });

/** POST /sessions when the user has two-step verification: the password was right, a code is needed. */
export const LoginChallengeSchema = z.object({
  verificationRequired: z.literal(true),
  challenge: z.string().min(1),
  expiresAt: z.iso.datetime(),
});
export type LoginChallenge = z.infer<typeof LoginChallengeSchema>;

/** POST /sessions answers one or the other. */
export const LoginOutcomeSchema = z.union([LoginResponseSchema, LoginChallengeSchema]);

/** A TOTP code (6 digits) or a recovery code (16 of the code alphabet, in groups of 4; any case, spaces allowed). */
export const verificationCodeField = requiredString()
  .trim()
  .min(1, MSG.required)
  .max(40, RESET_MSG.codeFormat)
  .refine((v) => isTotpCode(v) || isRecoveryCode(v), RESET_MSG.codeFormat);

export function isTotpCode(v: string): boolean {
  return /^\d{6}$/.test(v.replace(/\s/g, ''));
}

/** The recovery code's canonical form: upper case, without spaces or dashes. */
export function canonicalRecoveryCode(v: string): string {
  return v.replace(/[\s-]/g, '').toUpperCase();
}

export function isRecoveryCode(v: string): boolean {
  return /^[A-HJ-NP-Z2-9]{16}$/.test(canonicalRecoveryCode(v));
}

/** POST /sessions/verification: the second step. */
export const LoginVerificationRequestSchema = z.strictObject({
  challenge: requiredString().min(1, MSG.required).max(128, MSG.invalidType),
  code: verificationCodeField,
});

/** "Cambio de clave obligatorio": the new password and its confirmation, with the usual policy. */
export function forcedPasswordChangeSchema(userId: string) {
  return z
    .strictObject({
      newPassword: requiredString().min(1, MSG.required),
      confirmation: requiredString().min(1, MSG.required),
    })
    .superRefine((v, ctx) => {
      const violation = passwordPolicyViolation(v.newPassword, userId);
      if (violation) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: violation });
      if (v.newPassword !== v.confirmation) ctx.addIssue({ code: 'custom', path: ['confirmation'], message: MSG.passwordMismatch });
    });
}
export type ForcedPasswordChange = z.infer<ReturnType<typeof forcedPasswordChangeSchema>>;

/** GET /general-user/two-factor. */
export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int().nonnegative(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

/** POST /general-user/two-factor/enrolment: a new secret, pending until one code confirms it. */
export const TwoFactorEnrolmentSchema = z.object({
  /** Base32, for typing into the app by hand. */
  secret: z.string().regex(/^[A-Z2-7]+$/),
  otpauthUri: z.string().startsWith('otpauth://totp/'),
});
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolmentSchema>;

export const TotpCodeRequestSchema = z.strictObject({
  code: requiredString().trim().regex(/^\d{6}$/, 'Ingrese los 6 dígitos del código de verificación.'),
});

export const RECOVERY_CODE_COUNT = 10;

/** 200 to the confirmation: the recovery codes, shown once. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT) });

/** Turning it off: the password and a code (TOTP or recovery). */
export const TwoFactorDisableRequestSchema = z.strictObject({
  password: requiredString().min(1, MSG.required).max(256, MSG.invalidType),
  code: verificationCodeField,
});
