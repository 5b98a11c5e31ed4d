import { z } from 'zod';
import { MSG } from './messages';
import {
  checkCountryDependentRules,
  editableFieldsShape,
  emailField,
  requiredString,
  securityCodeField,
  type ContactValues,
} from './fields';
import { passwordPolicyViolation } from './password-policy';

/** Read-only registration fields: a body that carries any of them is refused (docs/architecture.md §5). */
export const READ_ONLY_FIELDS = ['userId', 'idDocument', 'senaeEmail'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Runs the cross-field rules even when some single field already failed, so every error shows at once. */
const whenShapeUsable = {
  when: (payload: { value: unknown }) => {
    const v = payload.value;
    return (
      isRecord(v) &&
      typeof v.country === 'string' &&
      isRecord(v.mobile) &&
      typeof v.mobile.number === 'string' &&
      typeof v.phone1 === 'string'
    );
  },
};

interface EmailValues {
  keepEmail: boolean;
  email?: string | undefined;
  emailConfirmation?: string | undefined;
  securityCode?: string | undefined;
}

function checkEmailRules(v: EmailValues, ctx: z.RefinementCtx): void {
  if (v.keepEmail) return;
  if (v.email === undefined) ctx.addIssue({ code: 'custom', path: ['email'], message: MSG.required });
  if (v.emailConfirmation === undefined) {
    ctx.addIssue({ code: 'custom', path: ['emailConfirmation'], message: MSG.required });
  } else if (
    // This runs even when a single field failed (see the `when` below): a mistyped address already
    // has its own message, and calling string methods on it would throw (a 500, a throw across IPC).
    typeof v.email === 'string' &&
    typeof v.emailConfirmation === 'string' &&
    v.email.toLowerCase() !== v.emailConfirmation.toLowerCase()
  ) {
    ctx.addIssue({ code: 'custom', path: ['emailConfirmation'], message: MSG.emailMismatch });
  }
  if (v.securityCode === undefined) {
    ctx.addIssue({ code: 'custom', path: ['securityCode'], message: MSG.securityCodeRequired });
  }
}

const emailShape = {
  keepEmail: z.boolean({ error: MSG.required }),
  email: emailField.optional(),
  emailConfirmation: emailField.optional(),
  securityCode: securityCodeField.optional(),
};

const newPasswordShape = {
  newPassword: requiredString().min(1, MSG.required),
  confirmation: requiredString().min(1, MSG.required),
};

function checkNewPassword(
  pc: { newPassword: string; confirmation: string } | undefined,
  userId: string,
  ctx: z.RefinementCtx,
  currentPassword?: string,
): void {
  if (!pc) return;
  const violation = passwordPolicyViolation(pc.newPassword, userId, currentPassword);
  if (violation) ctx.addIssue({ code: 'custom', path: ['passwordChange', 'newPassword'], message: violation });
  if (pc.newPassword !== pc.confirmation) {
    ctx.addIssue({ code: 'custom', path: ['passwordChange', 'confirmation'], message: MSG.passwordMismatch });
  }
}

const versionField = z
  .number({ error: (iss) => (iss.input === undefined ? MSG.required : MSG.invalidType) })
  .int(MSG.invalidType)
  .min(0, MSG.invalidType);

interface PasswordChangeValues {
  passwordChange?: { newPassword: string; confirmation: string } | undefined;
}

const hasPasswordPair = (p: { value: unknown }) =>
  isRecord(p.value) &&
  isRecord(p.value.passwordChange) &&
  typeof p.value.passwordChange.newPassword === 'string' &&
  typeof p.value.passwordChange.confirmation === 'string';

/**
 * One registration change, with every rule in one place; the two shapes below differ only in
 * what `passwordChange` carries.
 */
function registrationChangeSchema<P extends z.ZodType<{ newPassword: string; confirmation: string } | undefined>>(
  userId: string,
  passwordChange: P,
) {
  return z
    .strictObject({ version: versionField, ...editableFieldsShape, ...emailShape, passwordChange })
    .superRefine((v, ctx) => checkCountryDependentRules(v as ContactValues, ctx), whenShapeUsable)
    .superRefine((v, ctx) => checkEmailRules(v, ctx), { when: (p) => isRecord(p.value) && typeof p.value.keepEmail === 'boolean' })
    .superRefine((v, ctx) => checkNewPassword((v as PasswordChangeValues).passwordChange, userId, ctx), { when: hasPasswordPair });
}

/**
 * Building the schema and zod's compilation of it on its first parse cost more than the parse itself
 * (issue #15: most of a PUT's CPU), so each caller's schema is built once and kept; the schema holds
 * nothing but the ID.usuario, and the oldest goes when this many callers are kept.
 */
const SCHEMA_CACHE_SIZE = 1000;

/** `build(userId)`, built once per ID.usuario and kept (at most SCHEMA_CACHE_SIZE, the oldest goes first). */
function perUser<S>(build: (userId: string) => S): (userId: string) => S {
  const cache = new Map<string, S>();
  return (userId) => {
    const cached = cache.get(userId);
    if (cached) return cached;
    const schema = build(userId);
    if (cache.size >= SCHEMA_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(userId, schema);
    return schema;
  };
}

/**
 * The PUT /general-user/registration body (docs/architecture.md §5). The password ticket travels only between
 * the main process and the backend.
 */
export const registrationUpdateSchema = perUser(buildRegistrationUpdateSchema);

function buildRegistrationUpdateSchema(userId: string) {
  return registrationChangeSchema(
    userId,
    z.strictObject({ ticket: requiredString().min(1, MSG.required), ...newPasswordShape }).optional(),
  );
}
export type RegistrationUpdate = z.infer<ReturnType<typeof buildRegistrationUpdateSchema>>;

/**
 * What the renderer sends for "Modificar" (the IPC payload): the update without the ticket, which
 * the main process adds. The password policy needs the ID.usuario: the form passes its own, the
 * bridge the session's.
 */
function buildRegistrationFormSchema(userId: string) {
  return registrationChangeSchema(userId, z.strictObject(newPasswordShape).optional());
}
/**
 * Kept per user like the update's (issue 30): the form checks every render with it (each keystroke; opening the
 * form renders it several times) and the bridge every "Modificar".
 */
export const registrationFormSchema = perUser(buildRegistrationFormSchema);
export type RegistrationForm = z.infer<ReturnType<typeof buildRegistrationFormSchema>>;

export const deactivationReasonField = requiredString().trim().min(10, MSG.reasonLength).max(500, MSG.reasonLength);
