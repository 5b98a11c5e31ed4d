import { EventEmitter } from 'node:events';
import type { AuthInfo, ClientRequest, ClientRequestConstructorOptions } from 'electron';
import type { NetRequest } from '../../../../src-main/api/net-request-adapter';

export const proxyAuth = (host = 'proxy.oficina.local', port = 8080): AuthInfo => ({ isProxy: true, scheme: 'basic', host, port, realm: 'Oficina' });

export interface FakeAnswer {
  status: number;
  statusMessage?: string;
  /** As Electron's IncomingMessage has them: lower-case names, a list for a repeated header. */
  headers?: Record<string, string | string[]>;
  /** The body as it arrives, chunk by chunk. */
  chunks?: Array<string | Buffer>;
}

/**
 * An Electron `ClientRequest` as the adapter uses it (setHeader, end, abort, and the events login / redirect /
 * response / error), driven by a script that runs once the request is sent.
 */
export class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string> = {};
  body: Buffer | undefined;
  aborted = 0;

  constructor(
    readonly options: ClientRequestConstructorOptions,
    private readonly script: (req: FakeClientRequest) => void | Promise<void>,
  ) {
    super();
  }

  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  abort(): void {
    this.aborted += 1;
  }

  end(body?: string | Buffer): void {
    this.body = body === undefined ? undefined : Buffer.from(body);
    setImmediate(() => void this.script(this));
  }

  respond(answer: FakeAnswer): void {
    const res = Object.assign(new EventEmitter(), { statusCode: answer.status, statusMessage: answer.statusMessage ?? '', headers: answer.headers ?? {} });
    this.emit('response', res);
    for (const chunk of answer.chunks ?? []) res.emit('data', Buffer.from(chunk));
    res.emit('end');
  }

  redirect(status: number, location: string, headers: Record<string, string[]> = {}): void {
    this.emit('redirect', status, 'GET', location, headers);
  }

  fail(message: string): void {
    this.emit('error', new Error(message));
  }

  /** A `login` event (a 407 by default, from a proxy); resolves with what the adapter answered the callback. */
  challenge(authInfo: AuthInfo = proxyAuth()): Promise<{ username?: string; password?: string }> {
    return new Promise((resolve) => this.emit('login', authInfo, (username?: string, password?: string) => resolve({ username, password })));
  }
}

/** A `net.request` whose every request follows `script`; `sent` lists them in order. */
export function fakeNet(script: (req: FakeClientRequest) => void | Promise<void>): { request: NetRequest; sent: FakeClientRequest[] } {
  const sent: FakeClientRequest[] = [];
  const request: NetRequest = (options) => {
    const req = new FakeClientRequest(options, script);
    sent.push(req);
    return req as unknown as ClientRequest;
  };
  return { request, sent };
}

/** A request that gets no answer at all (a backend that hangs). */
export const silent = () => undefined;

/** Answers every request with `answer`. */
export const answering = (answer: FakeAnswer) => (req: FakeClientRequest) => req.respond(answer);

/** JSON `value` with `status`. */
export const json = (status: number, value: unknown): FakeAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  chunks: [JSON.stringify(value)],
});
