import { NetError } from './net-request-fetch';
import { netErrorToContract, PROXY_AUTH_MESSAGE } from './net-error-messages';
import {
  ERROR_MESSAGES,
  ErrorBodySchema,
  type ContractError,
  type ErrorCode,
} from '../../src-shared/contract';

export function contractError(code: ErrorCode, message?: string): ContractError {
  return { code, message: message ?? ERROR_MESSAGES[code] };
}

/**
 * Maps any failure of an HTTP call to a contract error with a Spanish message: the backend's own
 * error body when it sent one, otherwise what went wrong on the way (down, timeout, proxy page...).
 */
export function mapHttpFailure(err: unknown): ContractError {
  if (err instanceof HttpStatusError) {
    const body = ErrorBodySchema.safeParse(err.data);
    if (body.success) {
      // An empty message would show the user a blank alert: fall back to the code's own text.
      const error = body.data.error;
      return error.message.trim() ? error : { ...error, message: ERROR_MESSAGES[error.code] };
    }
    // A proxy still asking for credentials: the user cancelled its login or ran out of tries.
    if (err.status === 407) return contractError('BACKEND_UNREACHABLE', PROXY_AUTH_MESSAGE);
    if (err.status >= 500) return contractError('SERVER_ERROR');
    if (err.status === 401) return contractError('UNAUTHENTICATED');
    return contractError('BAD_RESPONSE');
  }
  if (err instanceof TransportError) {
    const net = err.cause instanceof NetError ? err.cause : null;
    const specific = net ? netErrorToContract(net.netCode, net.host) : null;
    if (specific) return specific;
    const message = err.cause instanceof Error ? err.cause.message : String(err.cause);
    if (err.timedOut || /timeout|timed out/i.test(message)) return contractError('TIMEOUT');
    return contractError('BACKEND_UNREACHABLE');
  }
  if (err instanceof ResponseShapeError) return contractError('BAD_RESPONSE');
  return contractError('UNEXPECTED');
}

/** An answer outside 2xx, with its body (parsed JSON, or the text). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly data: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** The request did not get an answer: refused, reset, a proxy or certificate failure, or the time limit. */
export class TransportError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'request timed out' : `request failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A 2xx answer whose body is not what the contract says (e.g. an HTML page from a proxy). */
export class ResponseShapeError extends Error {
  constructor(readonly path: string) {
    super(`Response of ${path} does not match the contract`);
  }
}
