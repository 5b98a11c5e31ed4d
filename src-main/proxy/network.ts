import { net, session, type BrowserWindow, type Session } from 'electron';
import type { ProxySettings } from '../../src-shared/contract';
import { netRequestFetch, netRequestSend, type HttpSend } from '../api/net-request-fetch';
import type { SecureStore } from '../session/secure-store';
import { toElectronProxyConfig } from './proxy-config';
import { ProxyCredentials } from './proxy-credentials';
import { askProxyLogin } from './proxy-login-window';

export interface Network {
  /** The exchange of every backend call (the API client's): the default session, with the proxy in force. */
  send: HttpSend;
  /** Puts a proxy configuration in force (start-up, Configuración, policy). */
  apply(proxy: ProxySettings): Promise<void>;
  /** A fetch through `proxy` in a throw-away session, for "Probar conexión" before anything is saved. */
  probeFetch(proxy: ProxySettings): Promise<typeof fetch>;
}

/** Chromium's network stack for the backend calls, with the proxy settings and the proxy login (issue 12). */
export function createNetwork(opts: {
  mainWindow: () => BrowserWindow | null;
  proxyLoginPreload: string;
  proxyStore: () => Promise<SecureStore>;
  log: { info(m: string): void; warn(m: string): void };
}): Network {
  const credentials = new ProxyCredentials(opts.proxyStore, (request) => askProxyLogin(opts.mainWindow(), opts.proxyLoginPreload, request), opts.log);
  const requestIn = (s: Session) => (options: Electron.ClientRequestConstructorOptions) => net.request({ ...options, session: s });
  const fetchIn = (s: Session) => netRequestFetch(requestIn(s), credentials.handler);
  let probes = 0;
  return {
    send: netRequestSend(requestIn(session.defaultSession), credentials.handler),
    async apply(proxy) {
      await session.defaultSession.setProxy(toElectronProxyConfig(proxy));
      // Pooled connections were made under the old configuration.
      await session.defaultSession.closeAllConnections();
      opts.log.info(`proxy: ${proxy.mode}${proxy.mode === 'manual' ? ` ${proxy.server ?? ''}` : proxy.mode === 'pac' ? ` ${proxy.pacUrl ?? ''}` : ''}`);
    },
    async probeFetch(proxy) {
      // In memory only (no "persist:"): nothing of the probe outlives it.
      const probe = session.fromPartition(`ecuapass-probe-${++probes}`);
      await probe.setProxy(toElectronProxyConfig(proxy));
      return fetchIn(probe);
    },
  };
}
