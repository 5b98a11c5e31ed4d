import type { z } from 'zod';
import type { ErrorCode, FieldErrors } from './error-codes';
import { MSG } from '../registration/messages';
import { READ_ONLY_FIELDS } from '../registration/update';

const readOnly = new Set<string>(READ_ONLY_FIELDS);

/**
 * Flattens a zod error to `{ "<dotted field path>": "<Spanish message>" }`, first message per
 * field. Unknown keys are named one by one, read-only ones with their own message.
 */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  const put = (path: string, message: string) => {
    const key = path === '' ? '_' : path;
    // Own keys only, defined rather than assigned: a field named `constructor` or `__proto__`
    // would otherwise be taken for Object.prototype's and silently dropped.
    if (!Object.hasOwn(fields, key)) Object.defineProperty(fields, key, { value: message, enumerable: true, writable: true, configurable: true });
  };
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        put(path, base === '' && readOnly.has(key) ? MSG.readOnly : MSG.unknownField);
      }
    } else {
      put(base, issue.message);
    }
  }
  return fields;
}

/**
 * The field each field-bound error belongs to: the backend sends it in `fields`, so every client
 * shows the message at that field without a table of its own. (RATE_LIMITED is bound to the
 * action that was refused, named by the route that refuses it.)
 */
export const FIELD_OF_ERROR: Partial<Record<ErrorCode, string>> = {
  NAME_CHANGE_TOO_LARGE: 'name',
  EMAIL_UNAVAILABLE: 'email',
  SECURITY_CODE_INVALID: 'securityCode',
  SECURITY_CODE_EXPIRED: 'securityCode',
  WRONG_PASSWORD: 'currentPassword',
  PASSWORD_TICKET_INVALID: 'currentPassword',
  VERIFICATION_CODE_INVALID: 'code',
};

/** `fields` for a field-bound error that names none: its own message at its own field. */
export function fieldsOfError(code: ErrorCode, message: string): FieldErrors | undefined {
  const field = FIELD_OF_ERROR[code];
  return field ? { [field]: message } : undefined;
}
