import {
  POLICY_KEYS,
  POLICY_MAC_DOMAIN,
  POLICY_REGISTRY_KEY,
  policyFromValues,
  setPolicyNames,
  type PolicyValues,
} from '../../src-shared/contract';
import { validateMachinePolicy, type PolicyLoad } from './machine-policy';

/**
 * Machine policy from the operating system's own management channel (issue 29):
 *   Windows  Group Policy: HKLM\SOFTWARE\Policies\Ecuapass Desktop, then HKCU\… (per value, the machine's wins)
 *   macOS    managed preferences of com.ecuapassdesktop.app (a configuration profile; only FORCED values count,
 *            a user's own `defaults write` is ignored)
 * Read with @vscode/policy-watcher (what VS Code uses), a native module loaded only on those two systems.
 */
export interface OsPolicyReader {
  /** For the log: where the values came from. */
  readonly where: string;
  /** The values set, by key name (undefined = not set). Rejects when the OS could not be asked. */
  read(): Promise<PolicyValues>;
}

/** The part of @vscode/policy-watcher used here (its createWatcher). */
export interface PolicyWatcherModule {
  createWatcher(
    productName: string,
    policies: Record<string, { type: 'string' | 'number' | 'boolean' | readonly ['string' | 'number' | 'boolean', ...('string' | 'number' | 'boolean')[]] }>,
    onDidChange: (update: Record<string, string | number | boolean | undefined>) => void,
    options?: { registryPath?: string },
  ): { dispose(): void };
}

/**
 * The watcher's value types per key: an integer is a QWORD or a string on Windows (ADMX stores `decimal` as REG_DWORD,
 * which the watcher does not read, so the template uses storeAsText: REG_SZ) and a plist integer on macOS.
 */
export function watcherPolicies(): Parameters<PolicyWatcherModule['createWatcher']>[1] {
  return Object.fromEntries(
    POLICY_KEYS.map((k) => [k.name, k.kind === 'boolean' ? { type: 'boolean' } : k.kind === 'integer' ? { type: ['number', 'string'] } : { type: 'string' }]),
  );
}

const FIRST_READ_TIMEOUT_MS = 5000;

/** The reader for win32 / darwin on @vscode/policy-watcher; `load` requires the module (lazily: it is native). */
export function policyWatcherReader(
  platform: 'win32' | 'darwin',
  load: () => PolicyWatcherModule,
  timeoutMs = FIRST_READ_TIMEOUT_MS,
): OsPolicyReader {
  const where = platform === 'win32' ? `HKLM/HKCU\\${POLICY_REGISTRY_KEY}` : `managed preferences ${POLICY_MAC_DOMAIN}`;
  return {
    where,
    read: () =>
      new Promise<PolicyValues>((resolve, reject) => {
        let settled = false;
        let watcher: { dispose(): void } | undefined;
        const done = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          fn();
          // The first report is all the app reads (the policy is read once at start); stop watching.
          setImmediate(() => watcher?.dispose());
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no answer from ${where} within ${timeoutMs} ms`))), timeoutMs);
        try {
          const mod = load();
          // Windows: the product name only names the default key, replaced by registryPath. macOS: it is the domain.
          const product = platform === 'win32' ? 'Ecuapass Desktop' : POLICY_MAC_DOMAIN;
          const options = platform === 'win32' ? { registryPath: POLICY_REGISTRY_KEY } : undefined;
          watcher = mod.createWatcher(product, watcherPolicies(), (update) => done(() => resolve({ ...update })), options);
          if (settled) setImmediate(() => watcher?.dispose());
        } catch (err) {
          done(() => reject(err instanceof Error ? err : new Error(String(err))));
        }
      }),
  };
}

/** The OS reader of this platform, or null where there is none (Linux: the JSON file only). */
export function osPolicyReaderFor(platform: NodeJS.Platform): OsPolicyReader | null {
  if (platform !== 'win32' && platform !== 'darwin') return null;
  // Native: required only here, only on win32/darwin (kept outside the bundle, electron-builder.yml ships it there).
  return policyWatcherReader(platform, () => require('@vscode/policy-watcher') as PolicyWatcherModule);
}

export type OsPolicyLoad = PolicyLoad & { names: string[] };

/**
 * Reads and validates the OS policy. Nothing set → 'none'; any value refused → the WHOLE policy refused (as for the
 * file); the OS could not be asked → refused too (safe defaults), since a department's pinned backend must not
 * quietly give way to the user's.
 */
export async function loadOsPolicy(reader: OsPolicyReader): Promise<OsPolicyLoad> {
  let values: PolicyValues;
  try {
    values = await reader.read();
  } catch (err) {
    return { status: 'invalid', policy: {}, reason: `no se pudo leer ${reader.where} (${err instanceof Error ? err.message : String(err)})`, names: [] };
  }
  const names = setPolicyNames(values);
  if (names.length === 0) return { status: 'none', policy: {}, names };
  return { ...validateMachinePolicy(policyFromValues(values)), names };
}
