import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import {
  loadOsPolicy,
  osPolicyReaderFor,
  policyWatcherReader,
  watcherPolicies,
  type OsPolicyReader,
  type PolicyWatcherModule,
} from '../../../src-main/policy/os-policy';
import { loadPolicyForApp } from '../../../src-main/policy/load-for-app';
import { policyState, updatesAllowed } from '../../../src-main/policy/machine-policy';
import { POLICY_KEYS, POLICY_MAC_DOMAIN, POLICY_REGISTRY_KEY, policyFromValues } from '../../../src-shared/contract';

type RegValue = { type: 'REG_SZ'; data: string } | { type: 'REG_DWORD'; data: number } | { type: 'REG_QWORD'; data: number };

/**
 * The registry as @vscode/policy-watcher reads it (src/windows/*Policy.cc): per value HKLM first, then HKCU; a string
 * policy takes REG_SZ, a boolean REG_DWORD (non-zero = true), a number REG_QWORD; any other type is "not set".
 */
function registryFake(hives: { HKLM?: Record<string, RegValue>; HKCU?: Record<string, RegValue> }) {
  const calls: { product: string; options?: { registryPath?: string } }[] = [];
  const mod: PolicyWatcherModule = {
    createWatcher(product, policies, onDidChange, options) {
      calls.push({ product, options });
      const key = options?.registryPath ?? `Software\\Policies\\Microsoft\\${product}`;
      const read = (hive: Record<string, RegValue> | undefined, name: string, types: string[]) => {
        if (key !== POLICY_REGISTRY_KEY) return undefined;
        const v = hive?.[name];
        if (!v) return undefined;
        if (v.type === 'REG_SZ' && types.includes('string')) return v.data;
        if (v.type === 'REG_DWORD' && types.includes('boolean')) return v.data !== 0;
        if (v.type === 'REG_QWORD' && types.includes('number')) return v.data;
        return undefined;
      };
      const update: Record<string, string | number | boolean | undefined> = {};
      for (const [name, def] of Object.entries(policies)) {
        const types = typeof def.type === 'string' ? [def.type] : [...def.type];
        update[name] = read(hives.HKLM, name, types) ?? read(hives.HKCU, name, types);
      }
      setTimeout(() => onDidChange(update), 1);
      return { dispose: () => undefined };
    },
  };
  return { mod, calls };
}

/** macOS managed preferences (src/macos): only values the profile FORCES count; a user's `defaults write` does not. */
function managedPreferencesFake(domains: Record<string, { forced?: Record<string, unknown>; user?: Record<string, unknown> }>) {
  const mod: PolicyWatcherModule = {
    createWatcher(product, policies, onDidChange) {
      const forced = domains[product]?.forced ?? {};
      const update: Record<string, string | number | boolean | undefined> = {};
      for (const [name, def] of Object.entries(policies)) {
        const types = typeof def.type === 'string' ? [def.type] : [...def.type];
        const v = forced[name];
        update[name] = v !== undefined && types.includes(typeof v as 'string') ? (v as string | number | boolean) : undefined;
      }
      setTimeout(() => onDidChange(update), 1);
      return { dispose: () => undefined };
    },
  };
  return { mod };
}

const silentLog = () => {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) } };
};

describe('Windows Group Policy through @vscode/policy-watcher (registry fake)', () => {
  it('reads HKLM\\SOFTWARE\\Policies\\Ecuapass Desktop with every key of the schema and its value type', async () => {
    const { mod, calls } = registryFake({
      HKLM: {
        BackendUrl: { type: 'REG_SZ', data: 'https://ecuapass.agencia.ec/' },
        IdleLockMinutes: { type: 'REG_SZ', data: '10' },
        UpdatesEnabled: { type: 'REG_DWORD', data: 0 },
        ProxyMode: { type: 'REG_SZ', data: 'manual' },
        ProxyServer: { type: 'REG_SZ', data: 'proxy.agencia.local:8080' },
      },
    });
    const load = await loadOsPolicy(policyWatcherReader('win32', () => mod));
    expect(calls).toEqual([{ product: 'Ecuapass Desktop', options: { registryPath: POLICY_REGISTRY_KEY } }]);
    expect(load).toMatchObject({
      status: 'applied',
      policy: { backendUrl: 'https://ecuapass.agencia.ec', idleLockMinutes: 10, updates: { enabled: false }, proxy: { mode: 'manual', server: 'proxy.agencia.local:8080' } },
      names: ['BackendUrl', 'IdleLockMinutes', 'UpdatesEnabled', 'ProxyMode', 'ProxyServer'],
    });
    expect(policyState(load).fixed).toEqual(['backendUrl', 'idleLockMinutes', 'updates', 'proxy']);
    expect(updatesAllowed(load)).toBe(false);
  });

  it('the machine (HKLM) wins over the user (HKCU) value by value; HKCU fills the rest', async () => {
    const { mod } = registryFake({
      HKLM: { BackendUrl: { type: 'REG_SZ', data: 'https://maquina.agencia.ec' } },
      HKCU: { BackendUrl: { type: 'REG_SZ', data: 'https://usuario.agencia.ec' }, IdleLockMinutes: { type: 'REG_QWORD', data: 20 } },
    });
    const load = await loadOsPolicy(policyWatcherReader('win32', () => mod));
    expect(load.policy).toEqual({ backendUrl: 'https://maquina.agencia.ec', idleLockMinutes: 20 });
  });

  it('nothing under the key: no OS policy (the file, if any, decides)', async () => {
    const { mod } = registryFake({ HKLM: {} });
    expect(await loadOsPolicy(policyWatcherReader('win32', () => mod))).toEqual({ status: 'none', policy: {}, names: [] });
  });

  it.each([
    ['an insecure backend', { BackendUrl: { type: 'REG_SZ', data: 'http://10.0.0.5:4010' } }],
    ['an idle lock out of range', { IdleLockMinutes: { type: 'REG_SZ', data: '0' } }],
    ['an idle lock that is not a number', { IdleLockMinutes: { type: 'REG_SZ', data: 'quince' } }],
    ['a proxy mode the app does not know', { ProxyMode: { type: 'REG_SZ', data: 'socks' } }],
    ['manual proxy without a server', { ProxyMode: { type: 'REG_SZ', data: 'manual' } }],
    ['a proxy server without a mode', { ProxyServer: { type: 'REG_SZ', data: 'proxy:8080' } }],
  ] as const)('%s refuses the whole policy: safe defaults, a reason to log', async (_what, values) => {
    const { mod } = registryFake({ HKLM: { BackendUrl: { type: 'REG_SZ', data: 'https://ecuapass.agencia.ec' }, ...values } });
    const load = await loadOsPolicy(policyWatcherReader('win32', () => mod));
    expect(load.status).toBe('invalid');
    expect(load.status === 'invalid' && load.reason.length).toBeGreaterThan(5);
    expect(policyState(load)).toEqual({ status: 'invalid', fixed: ['backendUrl', 'updates'] });
  });

  it('a value of the wrong registry type is "not set", as the native reader does (REG_SZ "0" is no boolean)', async () => {
    const { mod } = registryFake({ HKLM: { UpdatesEnabled: { type: 'REG_SZ', data: '0' } } });
    expect((await loadOsPolicy(policyWatcherReader('win32', () => mod))).status).toBe('none');
  });

  it('the native module failing to load or to answer refuses the policy (never the user\'s backend by accident)', async () => {
    const broken = await loadOsPolicy(policyWatcherReader('win32', () => { throw new Error('The specified module could not be found.'); }));
    expect(broken).toMatchObject({ status: 'invalid', reason: expect.stringContaining('The specified module could not be found.') });
    const mute: PolicyWatcherModule = { createWatcher: () => ({ dispose: () => undefined }) };
    const late = await loadOsPolicy(policyWatcherReader('win32', () => mute, 30));
    expect(late).toMatchObject({ status: 'invalid', reason: expect.stringContaining('within 30 ms') });
  });
});

describe('macOS managed preferences through @vscode/policy-watcher (configuration-profile fake)', () => {
  it('reads the forced values of com.ecuapassdesktop.app; a plist integer and boolean keep their types', async () => {
    const { mod } = managedPreferencesFake({
      [POLICY_MAC_DOMAIN]: { forced: { BackendUrl: 'https://ecuapass.agencia.ec', IdleLockMinutes: 15, UpdatesEnabled: true, ProxyMode: 'pac', ProxyPacUrl: 'http://wpad.agencia.local/proxy.pac' } },
    });
    const load = await loadOsPolicy(policyWatcherReader('darwin', () => mod));
    expect(load).toMatchObject({
      status: 'applied',
      policy: { backendUrl: 'https://ecuapass.agencia.ec', idleLockMinutes: 15, updates: { enabled: true }, proxy: { mode: 'pac', pacUrl: 'http://wpad.agencia.local/proxy.pac' } },
    });
  });

  it("a user's own preference (not forced by a profile) is no policy", async () => {
    const { mod } = managedPreferencesFake({ [POLICY_MAC_DOMAIN]: { user: { BackendUrl: 'https://mio.example.com' } } });
    expect((await loadOsPolicy(policyWatcherReader('darwin', () => mod))).status).toBe('none');
  });
});

describe('the one policy schema (src-shared/contract/policy-keys.ts)', () => {
  it('every key nests to a setting MachinePolicySchema knows, and the watcher is told every key', () => {
    expect(Object.keys(watcherPolicies())).toEqual(POLICY_KEYS.map((k) => k.name));
    expect(new Set(POLICY_KEYS.map((k) => k.name)).size).toBe(POLICY_KEYS.length);
    expect(policyFromValues({ UpdatesEnabled: true, UpdateFeedUrl: 'https://x.ec/f', Unknown: 'ignored' })).toEqual({ updates: { enabled: true, feedUrl: 'https://x.ec/f' } });
  });
});

describe('precedence at start-up (loadPolicyForApp)', () => {
  const FILE = Buffer.from(JSON.stringify({ backendUrl: 'https://archivo.agencia.ec' }));
  const osReader = (values: Record<string, string | number | boolean>): OsPolicyReader => ({ where: 'fake registry', read: async () => values });
  const base = { isPackaged: true, resourcesPath: '/opt/app/resources', readFile: () => FILE, exists: (p: string) => p.endsWith('policy.json') };

  it('Windows: an OS policy that sets something wins; the policy.json file is then ignored (and said so)', async () => {
    const { lines, log } = silentLog();
    const load = await loadPolicyForApp({ ...base, log, platform: 'win32', env: {}, osReader: osReader({ BackendUrl: 'https://gpo.agencia.ec' }) });
    expect(load).toMatchObject({ status: 'applied', source: 'os', policy: { backendUrl: 'https://gpo.agencia.ec' } });
    expect(lines.some((l) => l.startsWith('warn') && l.includes('ignored'))).toBe(true);
  });

  it('Windows / macOS without OS policy: the policy.json file of the platform', async () => {
    const { log } = silentLog();
    const load = await loadPolicyForApp({ ...base, log, platform: 'darwin', env: {}, osReader: osReader({}) });
    expect(load).toMatchObject({ status: 'applied', source: 'file', path: '/Library/Application Support/Ecuapass Desktop/policy.json', policy: { backendUrl: 'https://archivo.agencia.ec' } });
  });

  it('Linux: the JSON file only (no OS reader exists there)', async () => {
    const { log } = silentLog();
    const load = await loadPolicyForApp({ ...base, log, platform: 'linux', env: {} });
    expect(load).toMatchObject({ status: 'applied', source: 'file', path: '/etc/ecuapass-desktop/policy.json' });
  });

  it("a test copy's ECUAPASS_POLICY_FILE skips the OS policy (E2E on the Windows and macOS runners)", async () => {
    const { log } = silentLog();
    let asked = false;
    const reader: OsPolicyReader = { where: 'x', read: async () => ((asked = true), { BackendUrl: 'https://gpo.agencia.ec' }) };
    const load = await loadPolicyForApp({ ...base, isPackaged: false, log, platform: 'win32', env: { ECUAPASS_POLICY_FILE: 'C:\\t\\p.json' }, osReader: reader });
    expect(load).toMatchObject({ source: 'file', path: 'C:\\t\\p.json' });
    expect(asked).toBe(false);
  });

  it('a refused OS policy is logged as an error and applies safe defaults', async () => {
    const { lines, log } = silentLog();
    const load = await loadPolicyForApp({ ...base, log, platform: 'win32', env: {}, osReader: osReader({ IdleLockMinutes: '9999' }) });
    expect(load.status).toBe('invalid');
    expect(lines.some((l) => l.startsWith('error') && l.includes('fake registry refused'))).toBe(true);
  });
});

describe('which reader each OS gets (the native module is loaded only on Windows and macOS)', () => {
  it('Windows and macOS: the policy-watcher reader of their channel; Linux: none (the JSON file)', () => {
    expect(osPolicyReaderFor('win32')?.where).toBe('HKLM/HKCU\\SOFTWARE\\Policies\\Ecuapass Desktop');
    expect(osPolicyReaderFor('darwin')?.where).toBe('managed preferences com.ecuapassdesktop.app');
    expect(osPolicyReaderFor('linux')).toBeNull();
  });

  it.runIf(process.platform === 'linux')('the real module refuses Linux, which is why nothing there ever asks it', () => {
    const watcher = createRequire(import.meta.url)('@vscode/policy-watcher') as PolicyWatcherModule;
    expect(() => watcher.createWatcher(POLICY_MAC_DOMAIN, watcherPolicies(), () => undefined)).toThrow(/Unsupported platform/);
  });
});
