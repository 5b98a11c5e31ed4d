import { AxiosError } from 'axios';
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
  if (err instanceof AxiosError) {
    const res = err.response;
    if (res) {
      const body = ErrorBodySchema.safeParse(res.data);
      if (body.success) {
        // An empty message would show the user a blank alert: fall back to the code's own text.
        const error = body.data.error;
        return error.message.trim() ? error : { ...error, message: ERROR_MESSAGES[error.code] };
      }
      // A proxy still asking for credentials: the user cancelled its login or ran out of tries.
      if (res.status === 407) return contractError('BACKEND_UNREACHABLE', PROXY_AUTH_MESSAGE);
      if (res.status >= 500) return contractError('SERVER_ERROR');
      if (res.status === 401) return contractError('UNAUTHENTICATED');
      return contractError('BAD_RESPONSE');
    }
    const net = err.cause instanceof NetError ? err.cause : null;
    const specific = net ? netErrorToContract(net.netCode, net.host) : null;
    if (specific) return specific;
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || /timeout/i.test(err.message)) {
      return contractError('TIMEOUT');
    }
    return contractError('BACKEND_UNREACHABLE');
  }
  if (err instanceof ResponseShapeError) return contractError('BAD_RESPONSE');
  return contractError('UNEXPECTED');
}

/** A 2xx answer whose body is not what the contract says (e.g. an HTML page from a proxy). */
export class ResponseShapeError extends Error {
  constructor(readonly path: string) {
    super(`Response of ${path} does not match the contract`);
  }
}
