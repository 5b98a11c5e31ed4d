import { existsSync, readFileSync } from 'node:fs';
import { loadMachinePolicy, type PolicyLoad } from './machine-policy';
import { resolvePolicyPath } from './policy-location';

/** Reads the machine policy once at start-up, from the path resolvePolicyPath allows, and logs the outcome. */
export function loadPolicyForApp(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  log: { info(m: string): void; warn(m: string): void; error(m: string): void };
}): PolicyLoad & { path: string } {
  const where = resolvePolicyPath({ platform: process.platform, env: process.env, isPackaged: opts.isPackaged, resourcesPath: opts.resourcesPath, exists: existsSync });
  const load = loadMachinePolicy(() => {
    try {
      return readFileSync(where.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  });
  const label = `${where.path}${where.overridden ? ' (test override)' : ''}`;
  if (load.status === 'invalid') opts.log.error(`machine policy ${label} refused: ${load.reason}; no backend allowed, updates off`);
  else if (load.status === 'applied') opts.log.info(`machine policy ${label} applied: ${Object.keys(load.policy).join(', ') || '(empty)'}`);
  return { ...load, path: where.path };
}
