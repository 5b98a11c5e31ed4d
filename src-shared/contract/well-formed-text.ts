import type { FieldErrors } from './error-codes';

/** Shown at a field whose text holds half of a UTF-16 surrogate pair (nothing a keyboard types). */
export const ILL_FORMED_TEXT_MESSAGE = 'El texto contiene caracteres no válidos. Vuelva a escribirlo.';

// With the `u` flag a well-formed pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_DEPTH = 64;

/**
 * The fields (dotted paths, as in fieldErrorsFrom) of every string in `value` that is not
 * well-formed UTF-16 (issue #11 case 6): stored, such a string becomes U+FFFD, so another text
 * would then match it (a password, an address). Keys are checked too. Deeper than MAX_DEPTH is
 * left to the schema, which refuses such a body anyway.
 */
export function illFormedTextFields(value: unknown): FieldErrors {
  const fields: FieldErrors = {};
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) Object.defineProperty(fields, path || '_', { value: ILL_FORMED_TEXT_MESSAGE, enumerable: true, writable: true, configurable: true });
      return;
    }
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return;
    for (const [k, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${k}` : k;
      if (LONE_SURROGATE.test(k)) Object.defineProperty(fields, childPath, { value: ILL_FORMED_TEXT_MESSAGE, enumerable: true, writable: true, configurable: true });
      walk(child, childPath, depth + 1);
    }
  };
  walk(value, '', 0);
  return fields;
}
