import { AxiosError, isAxiosError } from './axios';
import { NetError } from './net-request-adapter';
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
 * The one place a failed backend call becomes a contract error with a Spanish message. An answer outside 2xx
 * (axios's status check refused it) carries the backend's own error body when it sent one, which passes through;
 * otherwise its status says what it was (a proxy's page, a portal's redirect...). No answer at all: Chromium's
 * network error when there is a more specific thing to say (certificate, proxy), else the time limit, else
 * BACKEND_UNREACHABLE. Anything that is not an AxiosError is a bug of ours: UNEXPECTED.
 */
export function toContractError(err: unknown): ContractError {
  if (!isAxiosError(err)) return contractError('UNEXPECTED');
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
  const specific = err.cause instanceof NetError ? netErrorToContract(err.cause.netCode, err.cause.host) : null;
  if (specific) return specific;
  if (err.code === AxiosError.ECONNABORTED || err.code === AxiosError.ETIMEDOUT) return contractError('TIMEOUT');
  // Called off by the app itself (a signal), or a request the app built wrong: nothing the user should read as a
  // network problem.
  if (err.code !== undefined && OUR_OWN_DOING.has(err.code)) return contractError('UNEXPECTED');
  return contractError('BACKEND_UNREACHABLE');
}

const OUR_OWN_DOING = new Set<string>([
  AxiosError.ERR_CANCELED,
  AxiosError.ERR_BAD_OPTION,
  AxiosError.ERR_BAD_OPTION_VALUE,
  AxiosError.ERR_NOT_SUPPORT,
  AxiosError.ERR_INVALID_URL,
]);
