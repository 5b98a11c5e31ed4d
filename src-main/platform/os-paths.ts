import path from 'node:path';
import { POLICY_MAC_DOMAIN, POLICY_REGISTRY_KEY } from '../../src-shared/contract';

/** The product folder name Electron derives from package.json's productName. */
export const APP_FOLDER = 'Ecuapass Desktop';

export interface PlatformPaths {
  /** app.getPath('userData'): settings.json, drafts/. */
  userData: string;
  /** app.getPath('logs') after app.setAppLogsPath(): main.log. */
  logs: string;
  /** The machine policy file (Linux: the policy; Windows / macOS: the file of earlier releases, under the OS policy). */
  policyFile: string;
  /** Where the OS keeps the machine policy of its management channel; null on Linux (the file is the policy). */
  osPolicy: string | null;
}

/**
 * Per OS, where the app keeps its data, its logs and finds its machine policy — the conventions Electron applies
 * (app.getPath) written down once, for the policy reader, the IT documents (docs/deploy-windows.md,
 * docs/deploy-macos.md) and their tests. Pure: platform, environment and home folder are given.
 */
export function platformPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): PlatformPaths {
  if (platform === 'win32') {
    const p = path.win32;
    const appData = env.APPDATA ?? p.join(home, 'AppData', 'Roaming');
    const userData = p.join(appData, APP_FOLDER);
    return {
      userData,
      logs: p.join(userData, 'logs'),
      policyFile: p.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', APP_FOLDER, 'policy.json'),
      osPolicy: `HKLM\\${POLICY_REGISTRY_KEY} (then HKCU\\${POLICY_REGISTRY_KEY})`,
    };
  }
  const p = path.posix;
  if (platform === 'darwin') {
    return {
      userData: p.join(home, 'Library', 'Application Support', APP_FOLDER),
      logs: p.join(home, 'Library', 'Logs', APP_FOLDER),
      policyFile: p.join('/Library/Application Support', APP_FOLDER, 'policy.json'),
      osPolicy: `/Library/Managed Preferences/${POLICY_MAC_DOMAIN}.plist`,
    };
  }
  const config = env.XDG_CONFIG_HOME && p.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : p.join(home, '.config');
  const userData = p.join(config, APP_FOLDER);
  return { userData, logs: p.join(userData, 'logs'), policyFile: '/etc/ecuapass-desktop/policy.json', osPolicy: null };
}
