import type { AuthInfo, ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { AxiosError, CanceledError } from './axios';
import { runtimeFeatures, type RuntimeFeatures } from '../runtime/electron-runtime';

/** What a proxy login gets answered with: credentials, or null to give up (the request then fails). */
export interface ProxyLoginAnswer {
  username: string;
  password: string;
  /** Told whether the proxy accepted them (the request got past it), e.g. to remember them only then. */
  settle?(accepted: boolean): void;
}

/** Asked when a proxy answers 407; `attempt` counts the asks for this one request (1 = first). */
export type ProxyLoginHandler = (authInfo: AuthInfo, attempt: number) => Promise<ProxyLoginAnswer | null>;

/** A Chromium network failure (`net::ERR_…`), kept as the `cause` of the AxiosError for the Spanish message. */
export class NetError extends Error {
  override name = 'NetError';
  constructor(readonly netCode: string, readonly host: string) {
    super(`net::${netCode} (${host})`);
  }
}

/** `net.request` of Electron, bound to a session (the default one, or a probe's). */
export type NetRequest = (options: ClientRequestConstructorOptions) => ClientRequest;

// Chromium sets these itself; net.request refuses some of them.
const SKIPPED_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/**
 * axios's adapter on Electron's `net.request`, i.e. Chromium's network stack: the system or configured proxy, PAC,
 * the OS certificate store. What it adds to a plain exchange is what only net.request can do:
 * - a proxy's 407 raises `login`, answered by `onProxyLogin` (the proxy login window, remembered credentials), and
 *   net.request retries with them; the answer is settled accepted once the request got past the proxy;
 * - a redirect is not followed: the 3xx comes back as the response (the backend never redirects, a captive portal
 *   does, and the token must not follow it elsewhere), which axios's status check then refuses;
 * - a failure keeps Chromium's `net::ERR_*` code (a NetError as the AxiosError's cause) for the Spanish certificate
 *   and proxy messages.
 * `timeout` and `signal` are honoured as axios's own adapters do (ECONNABORTED, or ETIMEDOUT with
 * transitional.clarifyTimeoutError; ERR_CANCELED). Not supported: `params` (the API client puts everything in the
 * path or the body), upload/download progress, `maxContentLength`.
 *
 * Runtime differences (src-main/runtime/electron-runtime.ts): net.request on every runtime (`net.fetch` raises no
 * `login` for a proxy's 407, see RuntimeFeatures.httpStack); the timeout is a plain timer on Electron 25 (an
 * `AbortSignal.timeout()` there makes Node 18's shutdown spin at quit, nodejs/node#47748) and
 * `AbortSignal.timeout()` on modern runtimes. No `Request` object either way.
 */
export function netRequestAdapter(
  request: NetRequest,
  onProxyLogin: ProxyLoginHandler,
  runtime: Pick<RuntimeFeatures, 'timeoutMechanism'> = runtimeFeatures(),
): AxiosAdapter {
  return (config) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      const { signal } = config;
      if (signal?.aborted) return reject(new CanceledError(undefined, config));
      if (config.params) return reject(new AxiosError('params are not supported: put them in the URL', AxiosError.ERR_BAD_OPTION, config));
      const body = requestBody(config);
      const url = fullUrl(config);
      const client = request({ method: (config.method ?? 'get').toUpperCase(), url, redirect: 'manual' });
      const headers = config.headers.toJSON(true) as Record<string, string>;
      for (const name in headers) if (!SKIPPED_HEADERS.has(name.toLowerCase())) client.setHeader(name, headers[name]!);

      let attempts = 0;
      let pending: ProxyLoginAnswer | null = null;
      let done = false;
      // Chromium reports a cancelled CONNECT login as ERR_TUNNEL_CONNECTION_FAILED; say what really happened.
      let loginCancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let timeoutSignal: AbortSignal | undefined;
      const finish = (accepted: boolean): boolean => {
        if (done) return false;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        timeoutSignal?.removeEventListener('abort', onTimeout);
        signal?.removeEventListener?.('abort', onAbort);
        pending?.settle?.(accepted);
        return true;
      };
      const fail = (err: AxiosError) => {
        if (finish(false)) reject(err);
      };
      const answer = (res: { statusCode: number; statusMessage: string; headers: Record<string, string | string[]> }, body: Buffer) => {
        if (!finish(res.statusCode !== 407)) return;
        const response: AxiosResponse = {
          data: config.responseType === 'arraybuffer' ? body : body.toString('utf8'),
          status: res.statusCode,
          statusText: res.statusMessage,
          // Plain: axios's dispatchRequest makes them AxiosHeaders itself (doing it here too was a second pass).
          headers: res.headers as AxiosResponse['headers'],
          config,
          request: client,
        };
        settleStatus(response, resolve, reject);
      };
      // The host only for a failure's message: parsing the URL on every call was measurable (issue #15).
      const networkFailure = (err: Error) => {
        const host = new URL(url).host;
        const netCode = loginCancelled ? 'ERR_PROXY_AUTH_CANCELLED' : /net::(ERR_[A-Z0-9_]+)/.exec(err.message)?.[1];
        fail(AxiosError.from(netCode ? new NetError(netCode, host) : err, AxiosError.ERR_NETWORK, config, client));
      };
      const abortWith = (err: AxiosError) => {
        client.abort();
        fail(err);
      };
      const onAbort = () => abortWith(new CanceledError(undefined, config, client));
      const onTimeout = () => {
        const code = config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
        abortWith(new AxiosError(config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`, code, config, client));
      };

      client.on('login', (authInfo, callback) => {
        // Only a proxy's challenge: the backend itself never uses HTTP authentication.
        if (!authInfo.isProxy) return callback();
        attempts += 1;
        pending?.settle?.(false);
        pending = null;
        onProxyLogin(authInfo, attempts).then(
          (reply) => {
            pending = reply;
            loginCancelled = !reply;
            if (reply) callback(reply.username, reply.password);
            else callback();
          },
          () => {
            loginCancelled = true;
            callback();
          },
        );
      });
      client.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
        client.abort();
        answer({ statusCode, statusMessage: '', headers: { ...responseHeaders, location: redirectUrl } }, EMPTY);
      });
      client.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => answer(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        res.on('error', networkFailure);
      });
      client.on('error', networkFailure);
      signal?.addEventListener?.('abort', onAbort);
      if (config.timeout) {
        if (runtime.timeoutMechanism === 'timer') timer = setTimeout(onTimeout, config.timeout);
        else {
          // Only where runtimeFeatures() answered 'abort-signal' (Electron >= 29, Node 20): no shutdown spin there.
          // eslint-disable-next-line no-restricted-properties -- the modern branch of the runtime seam
          timeoutSignal = AbortSignal.timeout(config.timeout);
          timeoutSignal.addEventListener('abort', onTimeout, { once: true });
        }
      }
      client.end(body);
    });
}

const EMPTY = Buffer.alloc(0);

/** The base URL and the call's path, joined as axios's buildFullPath does (an absolute URL is taken as it is). */
function fullUrl(config: InternalAxiosRequestConfig): string {
  const { baseURL, url = '' } = config;
  if (!baseURL || (config.allowAbsoluteUrls !== false && /^[a-z][a-z\d+.-]*:\/\//i.test(url))) return url;
  return url ? `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}

/** The body after axios's transformRequest: text or bytes (the API client sends JSON text). */
function requestBody(config: InternalAxiosRequestConfig): string | Buffer | undefined {
  const { data } = config;
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || Buffer.isBuffer(data)) return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new AxiosError('the request body must be text or bytes after transformRequest', AxiosError.ERR_BAD_OPTION_VALUE, config);
}

/** axios's settle (not exported by its builds): validateStatus decides; refused → ERR_BAD_REQUEST (4xx) / ERR_BAD_RESPONSE. */
function settleStatus(response: AxiosResponse, resolve: (r: AxiosResponse) => void, reject: (e: AxiosError) => void): void {
  const validate = response.config.validateStatus;
  if (!validate || validate(response.status)) return resolve(response);
  const code = response.status >= 400 && response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
  reject(new AxiosError(`Request failed with status code ${response.status}`, code, response.config, response.request, response));
}
