import type { z } from 'zod';
import { fieldErrorsFrom, illFormedTextFields } from '../../src-shared/contract';
import { AppError } from './app-error';

/**
 * Validates a request body against its shared contract schema. No body at all (no JSON was sent)
 * is a 400 BAD_REQUEST; JSON that breaks the schema is a 422 VALIDATION_FAILED naming each field.
 * Every body goes through here, so this is the one place where a string that is not well-formed
 * UTF-16 (a lone surrogate, issue #11) is refused, whatever field carries it.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) throw new AppError('BAD_REQUEST');
  const illFormed = illFormedTextFields(body);
  if (Object.keys(illFormed).length > 0) throw new AppError('VALIDATION_FAILED', illFormed);
  const result = schema.safeParse(body);
  if (!result.success) throw new AppError('VALIDATION_FAILED', fieldErrorsFrom(result.error));
  return result.data;
}

/** A query string checked like a body: 422 VALIDATION_FAILED naming each parameter that breaks the schema. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw new AppError('VALIDATION_FAILED', fieldErrorsFrom(result.error));
  return result.data;
}
