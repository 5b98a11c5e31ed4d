import type { ProxyConfig } from 'electron';
import type { ProxySettings } from '../../src-shared/contract';

/** The settings as Chromium's proxy configuration (session.setProxy). */
export function toElectronProxyConfig(proxy: ProxySettings): ProxyConfig {
  if (proxy.mode === 'manual') {
    const server = (proxy.server ?? '').replace(/^http:\/\//, '');
    const bypass = (proxy.bypass ?? '').split(',').map((e) => e.trim()).filter(Boolean).join(',');
    return { mode: 'fixed_servers', proxyRules: server, proxyBypassRules: bypass };
  }
  if (proxy.mode === 'pac') return { mode: 'pac_script', pacScript: proxy.pacUrl ?? '' };
  return { mode: 'system' };
}
