import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformPaths } from '../../../src-main/platform/os-paths';
import { machinePolicyPath } from '../../../src-main/policy/policy-location';

describe('per-OS paths: user data, logs, machine policy', () => {
  it('Windows: %APPDATA%, its logs folder, %ProgramData% and the Group Policy key', () => {
    const env = { APPDATA: 'C:\\Users\\jperez\\AppData\\Roaming', ProgramData: 'D:\\ProgramData' };
    expect(platformPaths('win32', env, 'C:\\Users\\jperez')).toEqual({
      userData: 'C:\\Users\\jperez\\AppData\\Roaming\\Ecuapass Desktop',
      logs: 'C:\\Users\\jperez\\AppData\\Roaming\\Ecuapass Desktop\\logs',
      policyFile: 'D:\\ProgramData\\Ecuapass Desktop\\policy.json',
      osPolicy: 'HKLM\\SOFTWARE\\Policies\\Ecuapass Desktop (then HKCU\\SOFTWARE\\Policies\\Ecuapass Desktop)',
    });
    // No environment (a service account): the conventional defaults.
    expect(platformPaths('win32', {}, 'C:\\Users\\svc')).toMatchObject({
      userData: 'C:\\Users\\svc\\AppData\\Roaming\\Ecuapass Desktop',
      policyFile: 'C:\\ProgramData\\Ecuapass Desktop\\policy.json',
    });
  });

  it('macOS: Application Support, ~/Library/Logs, the managed preferences of the bundle id', () => {
    expect(platformPaths('darwin', {}, '/Users/jperez')).toEqual({
      userData: '/Users/jperez/Library/Application Support/Ecuapass Desktop',
      logs: '/Users/jperez/Library/Logs/Ecuapass Desktop',
      policyFile: '/Library/Application Support/Ecuapass Desktop/policy.json',
      osPolicy: '/Library/Managed Preferences/com.ecuapassdesktop.app.plist',
    });
  });

  it('Linux: XDG_CONFIG_HOME (absolute only) or ~/.config, logs inside, /etc for the policy, no OS channel', () => {
    expect(platformPaths('linux', {}, '/home/jperez')).toEqual({
      userData: '/home/jperez/.config/Ecuapass Desktop',
      logs: '/home/jperez/.config/Ecuapass Desktop/logs',
      policyFile: '/etc/ecuapass-desktop/policy.json',
      osPolicy: null,
    });
    expect(platformPaths('linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/jperez').userData).toBe('/srv/cfg/Ecuapass Desktop');
    expect(platformPaths('linux', { XDG_CONFIG_HOME: 'relativo' }, '/home/jperez').userData).toBe('/home/jperez/.config/Ecuapass Desktop');
  });

  it('the policy reader and the IT documents name the same places', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(machinePolicyPath(platform, {})).toBe(platformPaths(platform, {}, '/h').policyFile);
    }
    const windowsDoc = readFileSync('docs/deploy-windows.md', 'utf8');
    const macDoc = readFileSync('docs/deploy-macos.md', 'utf8');
    expect(windowsDoc).toContain('%APPDATA%\\Ecuapass Desktop');
    expect(windowsDoc).toContain('%ProgramData%\\Ecuapass Desktop\\policy.json');
    expect(windowsDoc).toContain('HKLM\\SOFTWARE\\Policies\\Ecuapass Desktop');
    expect(macDoc).toContain('~/Library/Application Support/Ecuapass Desktop');
    expect(macDoc).toContain('~/Library/Logs/Ecuapass Desktop');
    expect(macDoc).toContain('/Library/Managed Preferences/com.ecuapassdesktop.app');
  });
});
