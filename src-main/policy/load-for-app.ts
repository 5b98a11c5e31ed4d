import { existsSync, readFileSync } from 'node:fs';
import { loadMachinePolicy, type PolicyLoad } from './machine-policy';
import { resolvePolicyPath } from './policy-location';
import { loadOsPolicy, osPolicyReaderFor, type OsPolicyReader } from './os-policy';

export type PolicySource = 'file' | 'os';

/**
 * Reads the machine policy once at start-up and logs the outcome. Precedence (README "Política de equipo",
 * docs/deploy-windows.md, docs/deploy-macos.md):
 *   1. a test copy's ECUAPASS_POLICY_FILE (development runs and E2E test builds only, see resolvePolicyPath);
 *   2. Windows / macOS: the OS policy (Group Policy registry values, HKLM before HKCU per value; managed preferences)
 *      when it sets at least one value — then the policy.json file is not read;
 *   3. the policy.json file of the platform (Linux /etc/ecuapass-desktop/policy.json; on Windows / macOS the file of
 *      earlier releases, kept for machines already set up with it).
 * Whatever the source, one invalid value refuses the whole policy (safe defaults: no backend, no updates).
 */
export async function loadPolicyForApp(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  log: { info(m: string): void; warn(m: string): void; error(m: string): void };
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Tests inject a fake; by default the OS reader of the platform (none on Linux). */
  osReader?: OsPolicyReader | null;
  readFile?: (path: string) => Buffer;
  exists?: (path: string) => boolean;
}): Promise<PolicyLoad & { path: string; source: PolicySource }> {
  const platform = opts.platform ?? process.platform;
  const exists = opts.exists ?? existsSync;
  const readFile = opts.readFile ?? ((path: string) => readFileSync(path));
  const where = resolvePolicyPath({ platform, env: opts.env ?? process.env, isPackaged: opts.isPackaged, resourcesPath: opts.resourcesPath, exists });

  const reader = where.overridden ? null : opts.osReader !== undefined ? opts.osReader : osPolicyReaderFor(platform);
  if (reader) {
    const os = await loadOsPolicy(reader);
    if (os.status !== 'none') {
      const { names, ...load } = os;
      if (load.status === 'invalid') opts.log.error(`machine policy ${reader.where} refused: ${load.reason}; no backend allowed, updates off`);
      else opts.log.info(`machine policy ${reader.where} applied: ${names.join(', ')}`);
      if (exists(where.path)) opts.log.warn(`machine policy file ${where.path} ignored: the OS policy (${reader.where}) is in force`);
      return { ...load, path: reader.where, source: 'os' };
    }
  }

  const load = loadMachinePolicy(() => {
    try {
      return readFile(where.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  });
  const label = `${where.path}${where.overridden ? ' (test override)' : ''}`;
  if (load.status === 'invalid') opts.log.error(`machine policy ${label} refused: ${load.reason}; no backend allowed, updates off`);
  else if (load.status === 'applied') opts.log.info(`machine policy ${label} applied: ${Object.keys(load.policy).join(', ') || '(empty)'}`);
  return { ...load, path: where.path, source: 'file' };
}
