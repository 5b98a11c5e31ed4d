import type { AxiosAdapter, AxiosInstance, AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import type { RegistrationUpdate } from '../../src-shared/registration/update';
import {
  API_PREFIX,
  CurrentSessionResponseSchema,
  DEVICE_TOKEN_HEADER,
  DeactivationResponseSchema,
  HealthResponseSchema,
  EmailAvailabilityResponseSchema,
  LoginOutcomeSchema,
  LoginResponseSchema,
  PasswordResetAcceptedSchema,
  PasswordVerifyResponseSchema,
  RecoveryCodesSchema,
  TwoFactorEnrolmentSchema,
  TwoFactorStatusSchema,
  type ForcedPasswordChange,
  type LoginChallenge,
  type PasswordResetRequest,
  type TwoFactorEnrolment,
  type TwoFactorStatus,
  SecurityCodeResponseSchema,
  RegistrationSchema,
  RegistrationSavedSchema,
  SessionListSchema,
  ClosedSessionsSchema,
  ActivityPageSchema,
  type ActivityPage,
  type ActivityQuery,
  type RegistrationSaved,
  type SessionList,
  type CurrentSessionResponse,
  type LoginRequest,
  type LoginResponse,
  type Registration,
  type Result,
} from '../../src-shared/contract';
import axios from './axios';
import { createBackendHttp, type BackendHttpOptions } from './backend-http';
import { contractError, toContractError } from './error-mapping';

export interface ApiClientOptions extends Omit<BackendHttpOptions, 'adapter' | 'timeoutMs'> {
  /** The app's: net.request (src-main/proxy/network.ts). Default: axios's fetch adapter, for plain Node. */
  adapter?: AxiosAdapter;
  timeoutMs?: number;
}

/**
 * Outside Electron (plain Node: the integration and reliability tests against a real backend), axios's own fetch
 * adapter; redirects are not followed there either (the 3xx itself is the answer), as net.request's are not.
 */
export function nodeFetchAdapter(): AxiosAdapter {
  const fetchAdapter = axios.getAdapter('fetch');
  return (config) => fetchAdapter({ ...config, fetchOptions: { ...config.fetchOptions, redirect: 'manual' } });
}

const SESSIONS = `${API_PREFIX}/sessions`;
const CURRENT_SESSION = `${API_PREFIX}/sessions/current`;
const REGISTRATION = `${API_PREFIX}/general-user/registration`;
const TWO_FACTOR = `${API_PREFIX}/general-user/two-factor`;

/**
 * The backend's HTTP API (docs/architecture.md, HTTP API) over one axios instance; every call answers a value, a
 * failure as a contract error with a Spanish message (error-mapping.ts), never a throw.
 */
export class ApiClient {
  private readonly http: AxiosInstance;

  constructor(readonly options: ApiClientOptions) {
    this.http = createBackendHttp({ ...options, adapter: options.adapter ?? nodeFetchAdapter(), timeoutMs: options.timeoutMs ?? 15_000 });
  }

  /**
   * 201 a session, or 202 a challenge when the user has two-step verification. Both login calls carry the
   * trusted-device token this device holds for the user, if any (X-Ecuapass-Device-Token).
   */
  login(body: LoginRequest, deviceToken?: string | null): Promise<Result<LoginResponse | LoginChallenge>> {
    return this.call('post', SESSIONS, LoginOutcomeSchema, undefined, body, deviceTokenHeader(deviceToken));
  }

  /** The login's "Código de verificación" step. */
  verifyLogin(challenge: string, code: string, deviceToken?: string | null): Promise<Result<LoginResponse>> {
    return this.call('post', `${SESSIONS}/verification`, LoginResponseSchema, undefined, { challenge, code }, deviceTokenHeader(deviceToken));
  }

  /** "Solicitud de reinicio de clave automática": the same 202 whatever matched. */
  requestPasswordReset(body: PasswordResetRequest): Promise<Result<z.output<typeof PasswordResetAcceptedSchema>>> {
    return this.call('post', `${API_PREFIX}/password-resets`, PasswordResetAcceptedSchema, undefined, body);
  }

  /** "Cambio de clave obligatorio" after an automatic key. */
  forcedPasswordChange(token: string, body: ForcedPasswordChange): Promise<Result<null>> {
    return this.call('post', `${API_PREFIX}/general-user/password/forced-change`, null, token, body);
  }

  twoFactorStatus(token: string): Promise<Result<TwoFactorStatus>> {
    return this.call('get', TWO_FACTOR, TwoFactorStatusSchema, token);
  }

  startTwoFactorEnrolment(token: string): Promise<Result<TwoFactorEnrolment>> {
    return this.call('post', `${TWO_FACTOR}/enrolment`, TwoFactorEnrolmentSchema, token, {});
  }

  confirmTwoFactorEnrolment(token: string, code: string): Promise<Result<z.output<typeof RecoveryCodesSchema>>> {
    return this.call('post', `${TWO_FACTOR}/confirmation`, RecoveryCodesSchema, token, { code });
  }

  disableTwoFactor(token: string, password: string, code: string): Promise<Result<null>> {
    return this.call('post', `${TWO_FACTOR}/deactivation`, null, token, { password, code });
  }

  currentSession(token: string): Promise<Result<CurrentSessionResponse>> {
    return this.call('get', CURRENT_SESSION, CurrentSessionResponseSchema, token);
  }

  logout(token: string): Promise<Result<null>> {
    return this.call('delete', CURRENT_SESSION, null, token);
  }

  getRegistration(token: string): Promise<Result<Registration>> {
    return this.call('get', REGISTRATION, RegistrationSchema, token);
  }

  verifyPassword(token: string, currentPassword: string): Promise<Result<z.output<typeof PasswordVerifyResponseSchema>>> {
    return this.call('post', `${API_PREFIX}/general-user/password/verify`, PasswordVerifyResponseSchema, token, { currentPassword });
  }

  emailAvailability(token: string, email: string): Promise<Result<z.output<typeof EmailAvailabilityResponseSchema>>> {
    return this.call('post', `${API_PREFIX}/general-user/email/availability`, EmailAvailabilityResponseSchema, token, { email });
  }

  requestSecurityCode(token: string, email: string): Promise<Result<z.output<typeof SecurityCodeResponseSchema>>> {
    return this.call('post', `${API_PREFIX}/general-user/email/security-code`, SecurityCodeResponseSchema, token, { email });
  }

  updateRegistration(token: string, body: RegistrationUpdate): Promise<Result<RegistrationSaved>> {
    return this.call('put', REGISTRATION, RegistrationSavedSchema, token, body);
  }

  /** Mi cuenta (issue 28): the caller's live sessions. */
  listSessions(token: string): Promise<Result<SessionList>> {
    return this.call('get', SESSIONS, SessionListSchema, token);
  }

  closeSession(token: string, id: string): Promise<Result<null>> {
    return this.call('delete', `${SESSIONS}/${encodeURIComponent(id)}`, null, token);
  }

  closeOtherSessions(token: string): Promise<Result<z.output<typeof ClosedSessionsSchema>>> {
    return this.call('delete', `${SESSIONS}?others=true`, ClosedSessionsSchema, token);
  }

  activity(token: string, query: ActivityQuery): Promise<Result<ActivityPage>> {
    const params = new URLSearchParams();
    if (query.before !== undefined) params.set('before', query.before);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.type !== undefined) params.set('type', query.type);
    const qs = params.toString();
    return this.call('get', `${API_PREFIX}/general-user/activity${qs ? `?${qs}` : ''}`, ActivityPageSchema, token);
  }

  deactivate(token: string, reason: string): Promise<Result<z.output<typeof DeactivationResponseSchema>>> {
    return this.call('post', `${API_PREFIX}/general-user/deactivation`, DeactivationResponseSchema, token, { reason });
  }

  /** GET /health (at the root, outside the API prefix): whether a backend answers at this URL ("Probar conexión"). */
  health(): Promise<Result<z.output<typeof HealthResponseSchema>>> {
    return this.call('get', '/health', HealthResponseSchema);
  }

  /** One request; a 2xx body is checked once, with the contract's schema (null: no body expected). */
  protected async call<S extends z.ZodType | null>(
    method: 'get' | 'post' | 'put' | 'delete',
    url: string,
    schema: S,
    token?: string,
    data?: unknown,
    headers?: Record<string, string>,
  ): Promise<Result<S extends z.ZodType ? z.output<S> : null>> {
    type Out = S extends z.ZodType ? z.output<S> : null;
    // Only the keys this call has: every key is merged with the instance's defaults.
    const config: AxiosRequestConfig = { method, url };
    if (data !== undefined) config.data = data;
    if (token) config.token = token;
    if (headers) config.headers = headers;
    let body: unknown;
    try {
      body = (await this.http.request(config)).data;
    } catch (err) {
      return { ok: false, error: toContractError(err) };
    }
    if (schema === null) return { ok: true, value: null as Out };
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, value: parsed.data as Out } : { ok: false, error: contractError('BAD_RESPONSE') };
  }
}

function deviceTokenHeader(deviceToken: string | null | undefined): Record<string, string> | undefined {
  return deviceToken ? { [DEVICE_TOKEN_HEADER]: deviceToken } : undefined;
}
