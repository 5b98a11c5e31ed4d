import type { AuthInfo } from 'electron';
import { z } from 'zod';
import type { ProxyLoginAnswer, ProxyLoginHandler } from '../api/net-request-adapter';
import type { SecureStore } from '../session/secure-store';

/**
 * Keychain service of remembered proxy credentials: its own entry, distinct from the session entries (whose
 * accounts double as the remembered-users list). Account = the proxy's host:port.
 */
export const PROXY_KEYCHAIN_SERVICE = 'Ecuapass Desktop proxy';
/** How many times one request may ask the user before it gives up (BACKEND_UNREACHABLE, pointing at the proxy). */
export const MAX_PROXY_LOGIN_ASKS = 3;

export interface ProxyLoginRequest {
  /** host:port of the proxy that asked. */
  proxy: string;
  realm: string;
  /** The previous credentials were refused. */
  retry: boolean;
}
export interface ProxyLoginReply {
  username: string;
  password: string;
  remember: boolean;
}

const StoredSchema = z.strictObject({ username: z.string().min(1), password: z.string() });

/**
 * Answers a proxy's 407 (`login` of net.request): the remembered credentials first, then the user, who may have
 * them remembered — only once the proxy accepted them. Requests waiting at the same time share one question.
 * Neither the user name nor the password is ever logged.
 */
export class ProxyCredentials {
  private readonly asking = new Map<string, Promise<ProxyLoginReply | null>>();

  constructor(
    private readonly store: () => Promise<SecureStore>,
    private readonly prompt: (request: ProxyLoginRequest) => Promise<ProxyLoginReply | null>,
    private readonly log: { info(m: string): void; warn(m: string): void },
  ) {}

  readonly handler: ProxyLoginHandler = async (authInfo: AuthInfo, attempt: number) => {
    const proxy = `${authInfo.host}:${authInfo.port}`;
    this.log.info(`proxy ${proxy} asked for credentials (attempt ${attempt})`);
    if (attempt === 1) {
      const stored = await this.read(proxy);
      if (stored) return { ...stored, settle: (accepted) => void (accepted || this.forget(proxy)) };
    }
    if (attempt > MAX_PROXY_LOGIN_ASKS) {
      this.log.warn(`proxy ${proxy}: credentials refused ${MAX_PROXY_LOGIN_ASKS} times, giving up`);
      return null;
    }
    const reply = await this.ask({ proxy, realm: authInfo.realm, retry: attempt > 1 });
    if (!reply) {
      this.log.info(`proxy ${proxy}: login cancelled`);
      return null;
    }
    const answer: ProxyLoginAnswer = { username: reply.username, password: reply.password };
    if (reply.remember) answer.settle = (accepted) => void (accepted && this.remember(proxy, reply));
    return answer;
  };

  private ask(request: ProxyLoginRequest): Promise<ProxyLoginReply | null> {
    const key = `${request.proxy}|${request.retry}`;
    let pending = this.asking.get(key);
    if (!pending) {
      pending = this.prompt(request).finally(() => this.asking.delete(key));
      this.asking.set(key, pending);
    }
    return pending;
  }

  private async read(proxy: string): Promise<{ username: string; password: string } | null> {
    try {
      const raw = await (await this.store()).get(proxy);
      if (raw === null) return null;
      const parsed = StoredSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch (err) {
      this.log.warn(`proxy credentials could not be read: ${err instanceof Error ? err.name : 'error'}`);
      return null;
    }
  }

  private async remember(proxy: string, reply: ProxyLoginReply): Promise<void> {
    try {
      await (await this.store()).set(proxy, JSON.stringify({ username: reply.username, password: reply.password }));
      this.log.info(`proxy ${proxy}: credentials remembered in the keychain`);
    } catch (err) {
      this.log.warn(`proxy credentials could not be remembered: ${err instanceof Error ? err.name : 'error'}`);
    }
  }

  /** Remembered credentials the proxy refused are dropped, so the next time asks the user at once. */
  private async forget(proxy: string): Promise<void> {
    try {
      await (await this.store()).delete(proxy);
      this.log.info(`proxy ${proxy}: remembered credentials refused and forgotten`);
    } catch {
      // Nothing to do: they are asked again next time either way.
    }
  }
}
