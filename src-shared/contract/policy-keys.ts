import { PROXY_MODES } from './proxy';

/**
 * The one policy schema for IT departments (issue 29). Every machine-policy setting of MachinePolicySchema
 * (policy.ts) is one flat key here, under the same name on every OS:
 *   Windows  a registry value under HKLM\SOFTWARE\Policies\Ecuapass Desktop (or HKCU\…), set by Group Policy with
 *            the ADMX/ADML templates that scripts/policy-templates.ts generates from this list (deploy/windows/);
 *   macOS    a managed preference of the domain com.ecuapassdesktop.app (a configuration profile; sample in
 *            deploy/macos/com.ecuapassdesktop.app.mobileconfig, generated from this list too);
 *   Linux    the JSON file /etc/ecuapass-desktop/policy.json, nested as in MachinePolicySchema (`path` below).
 * The values are validated by MachinePolicySchema whatever the source: policyFromValues() only nests them.
 */

export const POLICY_REGISTRY_KEY = 'SOFTWARE\\Policies\\Ecuapass Desktop';
/** The bundle id of electron-builder.yml (appId): the managed-preferences domain on macOS. */
export const POLICY_MAC_DOMAIN = 'com.ecuapassdesktop.app';

type Text = { 'es-EC': string; 'en-US': string };

interface KeyBase {
  /** Registry value name / preference key. NEVER rename one: deployed GPOs and profiles name it. */
  name: string;
  /** Where the value goes in MachinePolicySchema. */
  path: readonly [string] | readonly [string, string];
  category: 'connection' | 'session' | 'updates' | 'proxy';
  title: Text;
  help: Text;
  /** A value for the sample configuration profile (deploy/macos); none: the sample leaves the key commented out. */
  example?: string | number | boolean;
}
export type PolicyKey =
  | (KeyBase & { kind: 'string'; maxLength: number })
  | (KeyBase & { kind: 'boolean' })
  | (KeyBase & { kind: 'integer'; min: number; max: number })
  | (KeyBase & { kind: 'enum'; values: readonly string[] });

export const POLICY_CATEGORIES: Record<PolicyKey['category'], Text> = {
  connection: { 'es-EC': 'Conexión al servidor', 'en-US': 'Backend connection' },
  session: { 'es-EC': 'Sesión', 'en-US': 'Session' },
  updates: { 'es-EC': 'Actualizaciones', 'en-US': 'Updates' },
  proxy: { 'es-EC': 'Proxy de la red', 'en-US': 'Network proxy' },
};

export const POLICY_KEYS: readonly PolicyKey[] = [
  {
    name: 'BackendUrl',
    example: 'https://ecuapass.su-agencia.ec',
    path: ['backendUrl'],
    kind: 'string',
    maxLength: 2048,
    category: 'connection',
    title: { 'es-EC': 'Dirección del servidor', 'en-US': 'Backend URL' },
    help: {
      'es-EC': 'Dirección https del servidor de la oficina (http solo hacia este mismo equipo). Los usuarios no pueden cambiarla.',
      'en-US': "The office backend's https URL (plain http only to this machine). Users cannot change it.",
    },
  },
  {
    name: 'IdleLockMinutes',
    example: 15,
    path: ['idleLockMinutes'],
    kind: 'integer',
    min: 1,
    max: 480,
    category: 'session',
    title: { 'es-EC': 'Bloqueo por inactividad (minutos)', 'en-US': 'Idle lock (minutes)' },
    help: {
      'es-EC': 'Minutos sin actividad antes de que el programa se bloquee (1 a 480).',
      'en-US': 'Minutes without input before the app locks (1 to 480).',
    },
  },
  {
    name: 'UpdatesEnabled',
    example: true,
    path: ['updates', 'enabled'],
    kind: 'boolean',
    category: 'updates',
    title: { 'es-EC': 'Actualizaciones automáticas', 'en-US': 'Automatic updates' },
    help: {
      'es-EC': 'Deshabilitada: el programa nunca busca, descarga ni instala actualizaciones (p. ej. cuando TI distribuye cada MSI).',
      'en-US': 'Disabled: the app never checks for, downloads or installs updates (e.g. when IT deploys each MSI).',
    },
  },
  {
    name: 'UpdateFeedUrl',
    example: 'https://ecuapass.su-agencia.ec/actualizaciones/mac',
    path: ['updates', 'feedUrl'],
    kind: 'string',
    maxLength: 2048,
    category: 'updates',
    title: { 'es-EC': 'Dirección de las actualizaciones', 'en-US': 'Update feed URL' },
    help: {
      'es-EC': 'Dirección https donde están latest.yml, latest-mac.yml y latest-linux.yml.',
      'en-US': 'The https URL that holds latest.yml, latest-mac.yml and latest-linux.yml.',
    },
  },
  {
    name: 'ProxyMode',
    example: 'manual',
    path: ['proxy', 'mode'],
    kind: 'enum',
    values: PROXY_MODES,
    category: 'proxy',
    title: { 'es-EC': 'Modo del proxy', 'en-US': 'Proxy mode' },
    help: {
      'es-EC': 'system: el proxy del sistema operativo; manual: un servidor host:puerto; pac: un archivo PAC.',
      'en-US': "system: the operating system's proxy; manual: one host:port server; pac: a PAC file.",
    },
  },
  {
    name: 'ProxyServer',
    example: 'proxy.su-agencia.local:8080',
    path: ['proxy', 'server'],
    kind: 'string',
    maxLength: 300,
    category: 'proxy',
    title: { 'es-EC': 'Servidor proxy (manual)', 'en-US': 'Proxy server (manual)' },
    help: { 'es-EC': 'host:puerto, p. ej. proxy.empresa.local:8080. Requiere el modo manual.', 'en-US': 'host:port, e.g. proxy.company.local:8080. Needs mode manual.' },
  },
  {
    name: 'ProxyBypass',
    example: '<local>,*.su-agencia.local',
    path: ['proxy', 'bypass'],
    kind: 'string',
    maxLength: 2000,
    category: 'proxy',
    title: { 'es-EC': 'Excepciones del proxy (manual)', 'en-US': 'Proxy exceptions (manual)' },
    help: {
      'es-EC': 'Equipos que van directo, separados por comas: nombres, *.dominio, direcciones IP o <local>.',
      'en-US': 'Hosts that go direct, comma-separated: names, *.domain, IP addresses or <local>.',
    },
  },
  {
    name: 'ProxyPacUrl',
    path: ['proxy', 'pacUrl'],
    kind: 'string',
    maxLength: 2048,
    category: 'proxy',
    title: { 'es-EC': 'Archivo PAC (automática)', 'en-US': 'PAC file URL (automatic)' },
    help: { 'es-EC': 'Dirección http(s) del archivo PAC. Requiere el modo pac.', 'en-US': "The PAC file's http(s) URL. Needs mode pac." },
  },
];

/** Values as the OS reader returns them: registry / preference value per key name (undefined: not set). */
export type PolicyValues = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The flat OS values nested into the shape of MachinePolicySchema (still to be validated by it). An integer may come
 * as text (the ADMX template stores it as REG_SZ, see scripts/policy-templates.ts): digits only are converted, anything
 * else is left as it is for the schema to refuse. Keys that are not set are left out; so are unknown names.
 */
export function policyFromValues(values: PolicyValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) {
    let value: unknown = values[key.name];
    if (value === undefined) continue;
    if (key.kind === 'integer' && typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value)) value = Number(value.trim());
    const [first, second] = key.path;
    if (second === undefined) out[first] = value;
    else out[first] = { ...(out[first] as Record<string, unknown> | undefined), [second]: value };
  }
  return out;
}

/** The key names an OS value list sets (for the log). */
export function setPolicyNames(values: PolicyValues): string[] {
  return POLICY_KEYS.filter((k) => values[k.name] !== undefined).map((k) => k.name);
}
