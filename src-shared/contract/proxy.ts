import { z } from 'zod';

/**
 * How the app reaches the backend through the office network (Configuración de conexión, machine policy):
 *   system  the operating system's proxy settings (default)
 *   manual  one HTTP proxy `host:port`, with exceptions that go direct
 *   pac     a proxy auto-configuration file (PAC) at an http(s) URL
 */
export const PROXY_MODES = ['system', 'manual', 'pac'] as const;

// host:port, host a name or IPv4 address; an http:// in front is tolerated (people paste it).
const PROXY_SERVER = /^(?:http:\/\/)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*):(\d{1,5})$/;
// One exception: a host name, *.domain, an IP, optionally :port, or the `<local>` token.
const BYPASS_ENTRY = /^(?:<local>|\*?\.?[A-Za-z0-9*](?:[A-Za-z0-9.*-]{0,252})(?::\d{1,5})?|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?)$/;

export const PROXY_MESSAGES = {
  server: 'Ingrese el servidor proxy como host:puerto (por ejemplo proxy.empresa.local:8080).',
  bypass: 'Cada excepción debe ser un nombre de equipo, *.dominio o una dirección IP, separadas por comas.',
  pacUrl: 'Ingrese la dirección http:// o https:// del archivo de configuración automática (PAC).',
} as const;

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

export const ProxySettingsSchema = z
  .strictObject({
    mode: z.enum(PROXY_MODES, { error: 'Elija cómo se conecta este equipo (Sistema, Manual o Automática).' }),
    /** manual: `host:port`. */
    server: z.string().trim().max(300).optional(),
    /** manual: comma-separated hosts that go direct. */
    bypass: z.string().trim().max(2000).optional(),
    /** pac: where the PAC file is. */
    pacUrl: z.string().trim().max(2048).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.mode === 'manual') {
      const port = PROXY_SERVER.exec(p.server ?? '')?.[1];
      if (!port || Number(port) < 1 || Number(port) > 65535) ctx.addIssue({ code: 'custom', path: ['server'], message: PROXY_MESSAGES.server });
      const entries = (p.bypass ?? '').split(',').map((e) => e.trim()).filter(Boolean);
      if (entries.some((e) => !BYPASS_ENTRY.test(e))) ctx.addIssue({ code: 'custom', path: ['bypass'], message: PROXY_MESSAGES.bypass });
    }
    if (p.mode === 'pac' && !isHttpUrl(p.pacUrl ?? '')) ctx.addIssue({ code: 'custom', path: ['pacUrl'], message: PROXY_MESSAGES.pacUrl });
  });
export type ProxySettings = z.infer<typeof ProxySettingsSchema>;

export const SYSTEM_PROXY: ProxySettings = { mode: 'system' };
