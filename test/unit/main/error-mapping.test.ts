import { describe, expect, it } from 'vitest';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { AxiosError, AxiosHeaders, CanceledError } from '../../../src-main/api/axios';
import { toContractError } from '../../../src-main/api/error-mapping';
import { NetError } from '../../../src-main/api/net-request-adapter';
import { PROXY_AUTH_MESSAGE } from '../../../src-main/api/net-error-messages';
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from '../../../src-shared/contract';
import { STATUS_OF } from '../../../src-server/http/app-error';

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;

/** What axios rejects with for an answer outside 2xx: the response, its body already parsed. */
function answered(status: number, data: unknown): AxiosError {
  const response: AxiosResponse = { status, statusText: '', data, headers: new AxiosHeaders(), config };
  return new AxiosError(`Request failed with status code ${status}`, status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE, config, null, response);
}

/** What the adapter rejects with when no answer came: ERR_NETWORK with Chromium's error behind it. */
const netFailure = (netCode: string) => AxiosError.from(new NetError(netCode, 'ecuapass.miagencia.ec'), AxiosError.ERR_NETWORK, config);

const own = (code: ErrorCode) => ({ code, message: ERROR_MESSAGES[code] });

describe("an answer with the contract's error body: the backend's code, message and fields pass through", () => {
  const backendCodes = Object.entries(STATUS_OF) as Array<[ErrorCode, number]>;

  it.each(backendCodes)('%s (%i)', (code, status) => {
    const error = { code, message: `Mensaje del servidor para ${code}.` };
    expect(toContractError(answered(status, { error }))).toEqual(error);
  });

  it('with the fields of a VALIDATION_FAILED', () => {
    const error = { code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED, fields: { phone1: 'En Ecuador el teléfono tiene 9 dígitos.' } };
    expect(toContractError(answered(422, { error }))).toEqual(error);
  });

  it.each(ERROR_CODES.map((c) => [c]))('any code of the contract, %s, even one only the client uses', (code) => {
    expect(toContractError(answered(400, { error: { code, message: 'Texto.' } }))).toEqual({ code, message: 'Texto.' });
  });

  it("an empty message gets the code's own Spanish text", () => {
    expect(toContractError(answered(403, { error: { code: 'ACCOUNT_DEACTIVATED', message: '  ' } }))).toEqual(own('ACCOUNT_DEACTIVATED'));
  });

  it('a code the contract does not know is not passed through', () => {
    expect(toContractError(answered(400, { error: { code: 'SOMETHING_NEW', message: 'Algo nuevo.' } }))).toEqual(own('BAD_RESPONSE'));
  });
});

describe('an answer without the contract body: its status says what it was', () => {
  it.each([
    [500, '<html>Internal</html>', 'SERVER_ERROR'],
    [502, '<h1>Bad Gateway</h1><p>squid</p>', 'SERVER_ERROR'],
    [503, undefined, 'SERVER_ERROR'],
    [401, '<h1>401</h1>', 'UNAUTHENTICATED'],
    [401, undefined, 'UNAUTHENTICATED'],
    [400, '<html>Acceso denegado</html>', 'BAD_RESPONSE'],
    [404, '<html>Not found</html>', 'BAD_RESPONSE'],
    [302, undefined, 'BAD_RESPONSE'],
    [422, '{"error":{"code":"BAD_REQ', 'BAD_RESPONSE'],
  ] as const)('%i %j → %s', (status, body, code) => {
    expect(toContractError(answered(status, body))).toEqual(own(code));
  });

  it('407: the proxy still wanted credentials → BACKEND_UNREACHABLE saying so', () => {
    expect(toContractError(answered(407, '<html>Proxy Authentication Required</html>'))).toEqual({ code: 'BACKEND_UNREACHABLE', message: PROXY_AUTH_MESSAGE });
  });
});

describe('no answer at all', () => {
  it.each([
    ['ERR_CERT_AUTHORITY_INVALID', 'CERTIFICATE_REFUSED', /no es de confianza/],
    ['ERR_CERT_REVOKED', 'CERTIFICATE_REFUSED', /revocado/],
    ['ERR_SSL_PROTOCOL_ERROR', 'CERTIFICATE_REFUSED', /conexión segura/],
    ['ERR_TUNNEL_CONNECTION_FAILED', 'BACKEND_UNREACHABLE', /proxy de su red no permitió/],
    ['ERR_PROXY_AUTH_CANCELLED', 'BACKEND_UNREACHABLE', /pidió usuario y contraseña/],
    ['ERR_TIMED_OUT', 'TIMEOUT', /no respondió a tiempo/],
  ])("Chromium's %s → %s with its Spanish message", (netCode, code, message) => {
    const error = toContractError(netFailure(netCode));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('a network failure with nothing more specific to say → BACKEND_UNREACHABLE', () => {
    expect(toContractError(netFailure('ERR_CONNECTION_REFUSED'))).toEqual(own('BACKEND_UNREACHABLE'));
    expect(toContractError(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config))).toEqual(own('BACKEND_UNREACHABLE'));
  });

  it("axios's time limit (ECONNABORTED, or ETIMEDOUT when clarified) → TIMEOUT", () => {
    expect(toContractError(new AxiosError('timeout of 15000ms exceeded', AxiosError.ECONNABORTED, config))).toEqual(own('TIMEOUT'));
    expect(toContractError(new AxiosError('timeout of 15000ms exceeded', AxiosError.ETIMEDOUT, config))).toEqual(own('TIMEOUT'));
  });

  it('a call the app called off, a request it built wrong, or something that is not an AxiosError → UNEXPECTED', () => {
    expect(toContractError(new CanceledError(undefined, config))).toEqual(own('UNEXPECTED'));
    expect(toContractError(new AxiosError('params are not supported', AxiosError.ERR_BAD_OPTION, config))).toEqual(own('UNEXPECTED'));
    expect(toContractError(new TypeError('x is undefined'))).toEqual(own('UNEXPECTED'));
    expect(toContractError('a string')).toEqual(own('UNEXPECTED'));
  });
});
