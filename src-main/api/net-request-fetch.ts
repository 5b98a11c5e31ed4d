import type { AuthInfo, ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';

/** What a proxy login gets answered with: credentials, or null to give up (the request then fails). */
export interface ProxyLoginAnswer {
  username: string;
  password: string;
  /** Told whether the proxy accepted them (the request got past it), e.g. to remember them only then. */
  settle?(accepted: boolean): void;
}

/** Asked when a proxy answers 407; `attempt` counts the asks for this one request (1 = first). */
export type ProxyLoginHandler = (authInfo: AuthInfo, attempt: number) => Promise<ProxyLoginAnswer | null>;

/** A Chromium network failure (`net::ERR_…`), with its code kept for the Spanish message. */
export class NetError extends Error {
  override name = 'NetError';
  constructor(readonly netCode: string, readonly host: string) {
    super(`net::${netCode} (${host})`);
  }
}

/** How an exchange fails when its `timeoutMs` passed first (as fetch does for AbortSignal.timeout). */
export function timeoutError(): DOMException {
  return new DOMException('The operation timed out.', 'TimeoutError');
}

// Chromium sets these itself; net.request refuses some of them.
const SKIPPED_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/**
 * A `fetch` built on Electron's `net.request` (Chromium's network stack: system or configured proxy, OS
 * certificate store). Unlike `net.fetch` in Electron 25, which hands a proxy's 407 back as a plain response,
 * net.request raises `login` for it, so the user can be asked for the proxy's credentials and the request
 * retried. Redirects are not followed: the backend never redirects, a captive portal does.
 */
export function netRequestFetch(
  request: (options: ClientRequestConstructorOptions) => ClientRequest,
  onProxyLogin: ProxyLoginHandler,
): typeof fetch {
  const send = netRequestSend(request, onProxyLogin);
  return async (input, init) => {
    const answer = await send(await requestParts(input, init));
    if (answer.location !== undefined) return new Response(null, { status: answer.status, headers: { location: answer.location } });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    return new Response(answer.body as Uint8Array<ArrayBuffer> | null, { status: answer.status, statusText: answer.statusText, headers });
  };
}

/** One HTTP exchange, as net.request sees it: no Request/Response objects to build (issue #15, the bridge's cost). */
export interface HttpRequest {
  url: string;
  method: string;
  headers: Headers | Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal | null;
  /**
   * After this long without an answer the request is aborted and the exchange fails with a
   * `TimeoutError` DOMException. The API client's limit: a timer on the request itself costs less
   * than an AbortController and its listener per call (issue #15).
   */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  /** Null when the answer has none (204, 304, HEAD, a redirect). */
  body: Buffer | null;
  /** A redirect's target: redirects are not followed. */
  location?: string;
}

export type HttpSend = (request: HttpRequest) => Promise<HttpAnswer>;

/** The exchange under netRequestFetch; the API client uses it directly (no Response, Headers or stream per call). */
export function netRequestSend(
  request: (options: ClientRequestConstructorOptions) => ClientRequest,
  onProxyLogin: ProxyLoginHandler,
): HttpSend {
  return async (req) => {
    const body = req.body;
    return new Promise<HttpAnswer>((resolve, reject) => {
      const signal = req.signal;
      if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      const client = request({ method: req.method, url: req.url, redirect: 'manual' });
      let attempts = 0;
      let pending: ProxyLoginAnswer | null = null;
      let done = false;
      // Chromium reports a cancelled CONNECT login as ERR_TUNNEL_CONNECTION_FAILED; say what really happened.
      let loginCancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The host only for a failure's message: parsing the URL on every call was measurable (issue #15).
      const failure = (err: Error) => {
        const host = new URL(req.url).host;
        return loginCancelled ? new NetError('ERR_PROXY_AUTH_CANCELLED', host) : toNetError(err, host);
      };
      const finish = (settle: () => void, accepted: boolean) => {
        if (done) return;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clearTimeout(timer);
        pending?.settle?.(accepted);
        settle();
      };
      const abortWith = (reason: unknown) => {
        client.abort();
        finish(() => reject(reason), false);
      };
      const onAbort = () => abortWith(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      signal?.addEventListener('abort', onAbort);
      if (req.timeoutMs !== undefined) timer = setTimeout(() => abortWith(timeoutError()), req.timeoutMs);

      const setHeader = (value: string, name: string) => {
        if (!SKIPPED_HEADERS.has(name.toLowerCase())) client.setHeader(name, value);
      };
      if (req.headers instanceof Headers) req.headers.forEach(setHeader);
      else for (const name in req.headers) setHeader(req.headers[name]!, name);
      client.on('login', (authInfo, callback) => {
        // Only a proxy's challenge: the backend itself never uses HTTP authentication.
        if (!authInfo.isProxy) return callback();
        attempts += 1;
        pending?.settle?.(false);
        pending = null;
        onProxyLogin(authInfo, attempts).then(
          (answer) => {
            pending = answer;
            loginCancelled = !answer;
            if (answer) callback(answer.username, answer.password);
            else callback();
          },
          () => {
            loginCancelled = true;
            callback();
          },
        );
      });
      client.on('redirect', (statusCode, _method, redirectUrl) => {
        client.abort();
        finish(() => resolve({ status: statusCode, statusText: '', headers: {}, body: null, location: redirectUrl }), true);
      });
      client.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const status = res.statusCode;
          const noBody = status === 204 || status === 304 || req.method === 'HEAD';
          const answer = { status, statusText: res.statusMessage, headers: res.headers, body: noBody ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
          finish(() => resolve(answer), status !== 407);
        });
        res.on('error', (err: Error) => finish(() => reject(failure(err)), false));
      });
      client.on('error', (err: Error) => finish(() => reject(failure(err)), false));
      client.end(body);
    });
  };
}

function toNetError(err: Error, host: string): Error {
  const code = /net::(ERR_[A-Z0-9_]+)/.exec(err.message)?.[1];
  return code ? new NetError(code, host) : err;
}

/**
 * The parts of a fetch call, read without building a `Request` from a URL: in Electron 25's Node 18,
 * a `Request` made with a signal is registered in a FinalizationRegistry, and a registry with cleanup
 * pending when the app quits makes Node's shutdown loop forever (nodejs/node#47748; the app then
 * never exits, at 100 % CPU). A `Request` the caller made is taken as it is.
 */
async function requestParts(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Promise<HttpRequest> {
  if (input instanceof Request) {
    return {
      url: input.url,
      method: input.method,
      headers: input.headers,
      body: input.body ? Buffer.from(await input.arrayBuffer()) : undefined,
      signal: init?.signal ?? input.signal,
    };
  }
  const raw = init?.body;
  const body =
    raw === undefined || raw === null
      ? undefined
      : typeof raw === 'string'
        ? Buffer.from(raw)
        : Buffer.from(await new Response(raw).arrayBuffer());
  return { url: String(input), method: (init?.method ?? 'GET').toUpperCase(), headers: new Headers(init?.headers), body, signal: init?.signal };
}
