import { ERROR_MESSAGES, fieldsOfError, type ErrorCode, type FieldErrors } from '../../src-shared/contract';

/** HTTP status of each backend error code (docs/architecture.md §5). */
export const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  SECURITY_CODE_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WRONG_PASSWORD: 401,
  ACCOUNT_DEACTIVATED: 403,
  PASSWORD_TICKET_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  VERIFICATION_CODE_INVALID: 401,
  VERIFICATION_EXPIRED: 401,
  NOT_FOUND: 404,
  EMAIL_UNAVAILABLE: 409,
  VERSION_CONFLICT: 409,
  PASSWORD_CHANGE_NOT_REQUIRED: 409,
  TWO_FACTOR_ALREADY_ENABLED: 409,
  TWO_FACTOR_NOT_ENABLED: 409,
  SECURITY_CODE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  NAME_CHANGE_TOO_LARGE: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * An error the client is meant to see: a contract code, its status and the Spanish message from
 * ERROR_MESSAGES (unless a more specific one is given). The error handler turns it into the body.
 * `status` overrides the code's usual status (e.g. 503 for an INTERNAL "mail server unavailable").
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly fields: FieldErrors | undefined;

  constructor(
    readonly code: ErrorCode,
    fields?: FieldErrors,
    message: string = ERROR_MESSAGES[code],
    status?: number,
    /** Extra response headers, e.g. Retry-After with a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = status ?? STATUS_OF[code] ?? 500;
    this.fields = fields ?? fieldsOfError(code, message);
  }
}
