import { z } from 'zod';

/**
 * Every error a bridge method or the backend can answer with. The backend's codes are those of
 * docs/architecture.md §5; the client-side ones describe failures that never reached (or never left) the backend.
 */
export const ERROR_CODES = [
  // backend
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DEACTIVATED',
  'WRONG_PASSWORD',
  'RATE_LIMITED',
  'EMAIL_UNAVAILABLE',
  'VERSION_CONFLICT',
  'SECURITY_CODE_INVALID',
  'SECURITY_CODE_EXPIRED',
  'PASSWORD_TICKET_INVALID',
  'NAME_CHANGE_TOO_LARGE',
  'NOT_FOUND',
  'INTERNAL',
  // Reiniciar clave and two-step verification (issue 27)
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_CHANGE_NOT_REQUIRED',
  'VERIFICATION_CODE_INVALID',
  'VERIFICATION_EXPIRED',
  'TWO_FACTOR_ALREADY_ENABLED',
  'TWO_FACTOR_NOT_ENABLED',
  // client side (main process)
  'BACKEND_UNREACHABLE',
  'TIMEOUT',
  'SERVER_ERROR',
  'BAD_RESPONSE',
  'INVALID_INPUT',
  'FORBIDDEN_SENDER',
  'INSECURE_URL',
  'CERTIFICATE_REFUSED',
  'POLICY_INVALID',
  'MANAGED_BY_POLICY',
  /** The password was right; the login waits for its "Código de verificación" (verifyLoginCode). */
  'VERIFICATION_REQUIRED',
  'UNEXPECTED',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Field name -> Spanish message, for errors tied to form fields. */
export const FieldErrorsSchema = z.record(z.string(), z.string());
export type FieldErrors = z.infer<typeof FieldErrorsSchema>;

export const ContractErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  fields: FieldErrorsSchema.optional(),
});
export type ContractError = z.infer<typeof ContractErrorSchema>;

/** The backend's error body (docs/architecture.md §5). */
export const ErrorBodySchema = z.object({ error: ContractErrorSchema });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
