import { z } from 'zod';
import { ID_USUARIO_MAX } from '../../src-shared/contract';
import { checkCountryDependentRules, editableFieldsShape, emailField, requiredString, type ContactValues } from '../../src-shared/registration/fields';
import { MSG } from '../../src-shared/registration/messages';
import { passwordPolicyViolation } from '../../src-shared/registration/password-policy';
import { describeIdDocument } from '../../src-shared/identity';

/** The ID.usuario is also the local part of the SENAE mailbox, so keep it to safe characters. */
export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * One user of a SANDBOX_SEED file: every Registration field except the derived ones (senaeEmail,
 * version) plus the plain password. The same field rules as the form apply, so the sandbox never
 * holds data the real screen would refuse.
 */
export const SeedUserSchema = z
  .strictObject({
    userId: requiredString().trim().min(1, MSG.required).max(ID_USUARIO_MAX, MSG.invalidType).regex(USER_ID_PATTERN, MSG.invalidType),
    // Cédula, RUC or a foreign document number; check digits are checked below (src-shared/identity).
    idDocument: requiredString().trim().min(1, MSG.required).max(20, MSG.invalidType).regex(/^[A-Za-z0-9-]+$/, MSG.invalidType),
    ...editableFieldsShape,
    email: emailField,
    password: requiredString().min(1, MSG.required),
  })
  .superRefine((v, ctx) => checkCountryDependentRules(v as ContactValues, ctx))
  .superRefine((v, ctx) => {
    const doc = describeIdDocument(v.idDocument);
    if (!doc.valid) ctx.addIssue({ code: 'custom', path: ['idDocument'], message: doc.message ?? MSG.invalidType });
  })
  .superRefine((v, ctx) => {
    const violation = passwordPolicyViolation(v.password, v.userId);
    if (violation) ctx.addIssue({ code: 'custom', path: ['password'], message: violation });
  });

export type SeedUser = z.infer<typeof SeedUserSchema>;
