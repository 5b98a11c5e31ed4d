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
import { HttpStatusError, mapHttpFailure, ResponseShapeError, TransportError } from './error-mapping';
import { timeoutError, type HttpRequest, type HttpSend } from './net-request-fetch';

export interface ApiClientOptions {
  baseUrl: string;
  /** A fetch (global fetch in Node, a probe's fetch): used when `send` is not given. */
  fetch?: typeof globalThis.fetch;
  /** The app's exchange over Electron's net.request (system proxy, OS certificates), without fetch's objects. */
  send?: HttpSend;
  timeoutMs?: number;
}

/**
 * What the client needs of an exchange: the status and the body's bytes, or a failure, a
 * `TimeoutError` DOMException when `timeoutMs` passed first.
 */
type Exchange = (request: HttpRequest & { body?: string; timeoutMs: number }) => Promise<{ status: number; body: Buffer | null }>;

function exchangeOverFetch(fetch: typeof globalThis.fetch): Exchange {
  return async ({ url, timeoutMs, ...init }) => {
    // A timer of our own rather than AbortSignal.timeout(): Node 18 (Electron 25) keeps those signals in a
    // FinalizationRegistry, whose cleanup pending at quit makes the process spin forever (nodejs/node#47748).
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(timeoutError()), timeoutMs);
    try {
      const res = await fetch(url, { ...init, signal: timeout.signal, redirect: 'manual' });
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    } catch (err) {
      throw timeout.signal.aborted ? timeoutError() : err;
    } finally {
      clearTimeout(timer);
    }
  };
}

function isTimeout(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'TimeoutError';
}

/**
 * The backend's HTTP API (design §4), every failure answered as a contract error value. Electron's net.request
 * in the app, fetch elsewhere: axios added nothing the contract needs and cost ~0.5 ms per call, fetch's
 * Request/Response/Headers/stream objects another ~60 µs (issue #15).
 */
export class ApiClient {
  private readonly exchange: Exchange;
  private readonly timeoutMs: number;

  constructor(readonly options: ApiClientOptions) {
    this.exchange = options.send ?? exchangeOverFetch(options.fetch ?? ((input, init) => globalThis.fetch(input, init)));
    this.timeoutMs = options.timeoutMs ?? 15_000;
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
      // /health lives at the root, outside /api/v1.
      const url = (outsideApi ? this.options.baseUrl : this.options.baseUrl + API_PREFIX) + path;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let status: number;
      let text: string;
      try {
        // Redirects are not followed (either exchange): the backend never redirects, a captive portal does.
        const res = await this.exchange({ url, method, headers, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs: this.timeoutMs });
        status = res.status;
        text = res.body ? res.body.toString('utf8') : '';
      } catch (err) {
        throw new TransportError(err, isTimeout(err));
      }
      const data = parseBody(text);
      // Every status is answered by us: 4xx bodies carry the Spanish message.
      if (status < 200 || status >= 300) throw new HttpStatusError(status, data);
      if (schema === null) return { ok: true, value: null as Out };
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw new ResponseShapeError(path);
      return { ok: true, value: parsed.data as Out };
    } catch (err) {
      return { ok: false, error: mapHttpFailure(err) as ContractError };
    }
  }
}

/** JSON when it is JSON; otherwise the text itself (an HTML page from a proxy), which no schema accepts. */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
