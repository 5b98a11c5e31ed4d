import type { AxiosAdapter, AxiosInstance, AxiosRequestHeaders, InternalAxiosRequestConfig } from 'axios';
import { DEVICE_HEADER } from '../../src-shared/contract/device';
import axios, { isAxiosError } from './axios';
import { toContractError } from './error-mapping';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** The session token the call is made with; the request interceptor turns it into `Authorization: Bearer`. */
    token?: string;
  }
}

export interface BackendHttpOptions {
  /** The backend's base URL (checked: https, or http to this machine; no trailing slash). */
  baseUrl: string;
  /** How a request travels: Electron's net.request in the app; axios's fetch adapter in plain Node. */
  adapter: AxiosAdapter;
  timeoutMs: number;
  /** The X-Ecuapass-Device value (device-header.ts), sent with every call. */
  device?: string;
  /** A token the backend no longer accepts (401, UNAUTHENTICATED): the session it belongs to is over. */
  onSessionExpired?: (token: string) => void | Promise<void>;
}

/**
 * The axios instance of one backend URL. Kept cheap on the bridge's hot path: JSON in and out with one transform
 * each instead of axios's general ones (form data, streams, URLSearchParams...), the request interceptor synchronous
 * (no promise step before the adapter), the response interceptor only on failures, no per-call config beyond
 * method, url, data and token.
 */
export function createBackendHttp(options: BackendHttpOptions): AxiosInstance {
  const http = axios.create({
    baseURL: options.baseUrl,
    adapter: options.adapter,
    timeout: options.timeoutMs,
    // Functions, not lists: a list is copied into every call's config.
    transformRequest: jsonBody,
    transformResponse: jsonOrText,
  });
  // Every call's config is merged with the instance's defaults, then its header buckets flattened and validated:
  // axios's own defaults (per-method header buckets, the XSRF cookie, transitional flags, FormData classes, size
  // limits, all for other adapters and bodies) made up more than half of axios's cost per call in Electron 25's main
  // process, and none applies here; the headers are all set by the interceptor below. The instance shares this
  // object with its context, so trimming it here is what each call sees.
  for (const key of UNUSED_DEFAULTS) delete (http.defaults as Partial<typeof http.defaults>)[key];

  const { device, onSessionExpired } = options;
  http.interceptors.request.use(
    (config) => {
      const { headers } = config;
      headers.set('Accept', 'application/json');
      if (device) headers.set(DEVICE_HEADER, device);
      if (config.token) headers.set('Authorization', `Bearer ${config.token}`);
      return config;
    },
    null,
    { synchronous: true },
  );
  if (onSessionExpired) {
    // Awaited: the session is over (and its keychain entry gone) by the time the call answers UNAUTHENTICATED.
    http.interceptors.response.use(null, async (err: unknown) => {
      if (isAxiosError(err) && err.config?.token && err.response?.status === 401 && toContractError(err).code === 'UNAUTHENTICATED') {
        await onSessionExpired(err.config.token);
      }
      throw err;
    });
  }
  return http;
}

const UNUSED_DEFAULTS = ['headers', 'xsrfCookieName', 'xsrfHeaderName', 'transitional', 'env', 'maxContentLength', 'maxBodyLength'] as const;

/** A body is the contract's JSON; no body, no Content-Type. */
function jsonBody(this: InternalAxiosRequestConfig, data: unknown, headers: AxiosRequestHeaders): string | undefined {
  if (data === undefined) return undefined;
  headers.setContentType('application/json');
  return JSON.stringify(data);
}

/** JSON when it is JSON; otherwise the text itself (an HTML page from a proxy), which no schema accepts. */
function jsonOrText(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
