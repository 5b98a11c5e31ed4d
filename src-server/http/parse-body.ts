import type { z } from 'zod';
import { fieldErrorsFrom } from '../../src-shared/contract';
import { AppError } from './app-error';

/**
 * Validates a request body against its shared contract schema. No body at all (no JSON was sent)
 * is a 400 BAD_REQUEST; JSON that breaks the schema is a 422 VALIDATION_FAILED naming each field.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) throw new AppError('BAD_REQUEST');
  const result = schema.safeParse(body);
  if (!result.success) throw new AppError('VALIDATION_FAILED', fieldErrorsFrom(result.error));
  return result.data;
}
