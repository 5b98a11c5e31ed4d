import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { RegistrationUpdate } from '../../src-shared/registration/update';
import {
  API_PREFIX,
  CurrentSessionResponseSchema,
  DeactivationResponseSchema,
  HealthResponseSchema,
  EmailAvailabilityResponseSchema,
  LoginResponseSchema,
  PasswordVerifyResponseSchema,
  SecurityCodeResponseSchema,
  RegistrationSchema,
  type ContractError,
  type CurrentSessionResponse,
  type LoginRequest,
  type LoginResponse,
  type Registration,
  type Result,
} from '../../src-shared/contract';
import { mapHttpFailure, ResponseShapeError } from './error-mapping';

export interface ApiClientOptions {
  baseUrl: string;
  /** Electron's `net.fetch` in the app (system proxy and OS certificates); global fetch in Node. */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** The backend's HTTP API (design §4), every failure answered as a contract error value. */
export class ApiClient {
  private readonly http: AxiosInstance;

  constructor(readonly options: ApiClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl + API_PREFIX,
      timeout: options.timeoutMs ?? 15_000,
      adapter: 'fetch',
      env: options.fetch ? { fetch: options.fetch } : {},
      headers: { Accept: 'application/json' },
      // Every status is answered by us: 4xx bodies carry the Spanish message.
      validateStatus: (s) => s >= 200 && s < 300,
      responseType: 'json',
      maxRedirects: 0,
    });
  }

  login(body: LoginRequest): Promise<Result<LoginResponse>> {
    return this.call('POST', '/sessions', LoginResponseSchema, undefined, body);
  }

  currentSession(token: string): Promise<Result<CurrentSessionResponse>> {
    return this.call('GET', '/sessions/current', CurrentSessionResponseSchema, token);
  }

  async logout(token: string): Promise<Result<null>> {
    return this.call('DELETE', '/sessions/current', null, token);
  }

  getRegistration(token: string): Promise<Result<Registration>> {
    return this.call('GET', '/general-user/registration', RegistrationSchema, token);
  }

  verifyPassword(token: string, currentPassword: string): Promise<Result<z.output<typeof PasswordVerifyResponseSchema>>> {
    return this.call('POST', '/general-user/password/verify', PasswordVerifyResponseSchema, token, { currentPassword });
  }

  emailAvailability(token: string, email: string): Promise<Result<z.output<typeof EmailAvailabilityResponseSchema>>> {
    return this.call('POST', '/general-user/email/availability', EmailAvailabilityResponseSchema, token, { email });
  }

  requestSecurityCode(token: string, email: string): Promise<Result<z.output<typeof SecurityCodeResponseSchema>>> {
    return this.call('POST', '/general-user/email/security-code', SecurityCodeResponseSchema, token, { email });
  }

  updateRegistration(token: string, body: RegistrationUpdate): Promise<Result<Registration>> {
    return this.call('PUT', '/general-user/registration', RegistrationSchema, token, body);
  }

  deactivate(token: string, reason: string): Promise<Result<z.output<typeof DeactivationResponseSchema>>> {
    return this.call('POST', '/general-user/deactivation', DeactivationResponseSchema, token, { reason });
  }

  /** GET /health: whether a backend answers at this URL ("Probar conexión"). */
  health(): Promise<Result<z.output<typeof HealthResponseSchema>>> {
    return this.call('GET', '/health', HealthResponseSchema, undefined, undefined, true);
  }

  /** One request; the body of a 2xx is parsed with the contract's schema (null: no body expected). */
  protected async call<S extends z.ZodType | null>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    token?: string,
    body?: unknown,
    outsideApi = false,
  ): Promise<Result<S extends z.ZodType ? z.output<S> : null>> {
    type Out = S extends z.ZodType ? z.output<S> : null;
    try {
      const res = await this.http.request({
        method,
        url: path,
        // /health lives at the root, outside /api/v1.
        ...(outsideApi ? { baseURL: this.options.baseUrl } : {}),
        data: body,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (schema === null) return { ok: true, value: null as Out };
      const parsed = schema.safeParse(res.data);
      if (!parsed.success) throw new ResponseShapeError(path);
      return { ok: true, value: parsed.data as Out };
    } catch (err) {
      return { ok: false, error: mapHttpFailure(err) as ContractError };
    }
  }
}
