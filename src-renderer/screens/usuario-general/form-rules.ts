import { ERROR_MESSAGES, fieldErrorsFrom } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { isNameCorrection } from '../../../src-shared/registration/name-correction';
import { registrationFormSchema } from '../../../src-shared/registration/update';
import { fieldOfWirePath, payloadFromValues, type FieldName, type FormValues } from './form-values';

export interface FormContext {
  userId: string;
  currentName: string;
  currentEmail: string;
  version: number;
  emailVerified: boolean;
  passwordVerified: boolean;
}

export type FormErrors = Partial<Record<FieldName, string>>;

/**
 * Every rule the form shows before the backend is asked: the shared zod schema (the same one the
 * main process and the backend use) plus the rules that need what only this screen knows.
 */
export function validateForm(values: FormValues, ctx: FormContext): FormErrors {
  const errors: FormErrors = {};
  const put = (field: FieldName | undefined, message: string) => {
    if (field && !errors[field]) errors[field] = message;
  };

  const parsed = registrationFormSchema(ctx.userId).safeParse(payloadFromValues(values, ctx.version));
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrorsFrom(parsed.error))) put(fieldOfWirePath(path), message);
  }

  if (!errors.name && values.name.trim() && !isNameCorrection(ctx.currentName, values.name)) {
    put('name', ERROR_MESSAGES.NAME_CHANGE_TOO_LARGE);
  }
  const changesPassword = values.newPassword !== '' || values.passwordConfirmation !== '';
  if (changesPassword && !ctx.passwordVerified) put('currentPassword', MSG.passwordNotVerified);
  if (changesPassword && values.currentPassword !== '' && values.newPassword === values.currentPassword) {
    put('newPassword', MSG.passwordSameAsCurrent);
  }
  if (values.keepEmail === 'no') {
    if (!errors.email && values.email.trim().toLowerCase() === ctx.currentEmail.toLowerCase()) {
      put('email', MSG.emailSameAsCurrent);
    }
    if (!errors.email && !ctx.emailVerified) put('email', MSG.emailNotVerified);
  }
  return errors;
}
