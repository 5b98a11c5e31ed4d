import type { z } from 'zod';
import type { FieldErrors } from './error-codes';
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
