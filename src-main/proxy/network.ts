import { net, session, type BrowserWindow, type Session } from 'electron';
import type { AxiosAdapter } from 'axios';
import type { ProxySettings } from '../../src-shared/contract';
import { netRequestAdapter } from '../api/net-request-adapter';
import type { SecureStore } from '../session/secure-store';
import { toElectronProxyConfig } from './proxy-config';
import { ProxyCredentials } from './proxy-credentials';
import { askProxyLogin } from './proxy-login-window';

export interface Network {
  /** The adapter of every backend call (the API client's): net.request in the default session, with the proxy in force. */
  adapter: AxiosAdapter;
  /** Puts a proxy configuration in force (start-up, Configuración, policy). */
  apply(proxy: ProxySettings): Promise<void>;
  /** An adapter through `proxy` in a throw-away session, for "Probar conexión" before anything is saved. */
  probeAdapter(proxy: ProxySettings): Promise<AxiosAdapter>;
}

/** Chromium's network stack for the backend calls, with the proxy settings and the proxy login (issue 12). */
export function createNetwork(opts: {
  mainWindow: () => BrowserWindow | null;
  proxyLoginPreload: string;
  proxyStore: () => Promise<SecureStore>;
  log: { info(m: string): void; warn(m: string): void };
}): Network {
  const credentials = new ProxyCredentials(opts.proxyStore, (request) => askProxyLogin(opts.mainWindow(), opts.proxyLoginPreload, request), opts.log);
  const adapterIn = (s: Session) => netRequestAdapter((options) => net.request({ ...options, session: s }), credentials.handler);
  let probes = 0;
  return {
    adapter: adapterIn(session.defaultSession),
    async apply(proxy) {
      await session.defaultSession.setProxy(toElectronProxyConfig(proxy));
      // Pooled connections were made under the old configuration.
      await session.defaultSession.closeAllConnections();
      opts.log.info(`proxy: ${proxy.mode}${proxy.mode === 'manual' ? ` ${proxy.server ?? ''}` : proxy.mode === 'pac' ? ` ${proxy.pacUrl ?? ''}` : ''}`);
    },
    async probeAdapter(proxy) {
      // In memory only (no "persist:"): nothing of the probe outlives it.
      const probe = session.fromPartition(`ecuapass-probe-${++probes}`);
      await probe.setProxy(toElectronProxyConfig(proxy));
      return adapterIn(probe);
    },
  };
}
