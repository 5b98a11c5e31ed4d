import { homedir } from 'node:os';
import { join } from 'node:path';
import { platformPaths } from '../platform/os-paths';

/**
 * Where an IT department puts the machine policy: a place only an administrator can write.
 *   Linux   /etc/ecuapass-desktop/policy.json
 *   Windows %ProgramData%\Ecuapass Desktop\policy.json   (C:\ProgramData\…)
 *   macOS   /Library/Application Support/Ecuapass Desktop/policy.json
 */
export function machinePolicyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  return platformPaths(platform, env, homedir()).policyFile;
}

/** The marker file that make-e2e-variant.mjs puts in a test copy's resources folder. */
export const TEST_BUILD_MARKER = 'ecuapass-test-build';
export const POLICY_PATH_ENV = 'ECUAPASS_POLICY_FILE';

/**
 * The policy path in force. ECUAPASS_POLICY_FILE is honoured ONLY in a development run (not packaged) or in a test
 * copy whose resources folder holds the TEST_BUILD_MARKER file. An installed program's resources folder belongs to
 * root / the administrator, exactly like the policy file itself, so a user who can set environment variables but
 * cannot write the installation cannot point the app at a policy of their own (or at none).
 */
export function resolvePolicyPath(opts: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  resourcesPath: string;
  exists: (path: string) => boolean;
}): { path: string; overridden: boolean } {
  const override = opts.env[POLICY_PATH_ENV]?.trim();
  const testBuild = !opts.isPackaged || opts.exists(join(opts.resourcesPath, TEST_BUILD_MARKER));
  if (override && testBuild) return { path: override, overridden: true };
  return { path: machinePolicyPath(opts.platform, opts.env), overridden: false };
}
