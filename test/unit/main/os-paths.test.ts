import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformPaths } from '../../../src-main/platform/os-paths';
import { machinePolicyPath } from '../../../src-main/policy/policy-location';

describe('per-OS paths: user data, logs, machine policy', () => {
  // One row per OS: the environment and home it is given, and the four places it must name.
  it.each([
    {
      os: 'Windows: %APPDATA%, its logs folder, %ProgramData% and the Group Policy key',
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\jperez\\AppData\\Roaming', ProgramData: 'D:\\ProgramData' },
      home: 'C:\\Users\\jperez',
      expected: {
        userData: 'C:\\Users\\jperez\\AppData\\Roaming\\Ecuapass Desktop',
        logs: 'C:\\Users\\jperez\\AppData\\Roaming\\Ecuapass Desktop\\logs',
        policyFile: 'D:\\ProgramData\\Ecuapass Desktop\\policy.json',
        osPolicy: 'HKLM\\SOFTWARE\\Policies\\Ecuapass Desktop (then HKCU\\SOFTWARE\\Policies\\Ecuapass Desktop)',
      },
    },
    {
      os: 'macOS: Application Support, ~/Library/Logs, the managed preferences of the bundle id',
      platform: 'darwin',
      env: {},
      home: '/Users/jperez',
      expected: {
        userData: '/Users/jperez/Library/Application Support/Ecuapass Desktop',
        logs: '/Users/jperez/Library/Logs/Ecuapass Desktop',
        policyFile: '/Library/Application Support/Ecuapass Desktop/policy.json',
        osPolicy: '/Library/Managed Preferences/com.ecuapassdesktop.app.plist',
      },
    },
    {
      os: 'Linux: ~/.config, logs inside, /etc for the policy, no OS channel',
      platform: 'linux',
      env: {},
      home: '/home/jperez',
      expected: {
        userData: '/home/jperez/.config/Ecuapass Desktop',
        logs: '/home/jperez/.config/Ecuapass Desktop/logs',
        policyFile: '/etc/ecuapass-desktop/policy.json',
        osPolicy: null,
      },
    },
  ] as const)('$os', ({ platform, env, home, expected }) => {
    expect(platformPaths(platform, env, home)).toEqual(expected);
  });

  it('Windows with no environment (a service account): the conventional defaults', () => {
    expect(platformPaths('win32', {}, 'C:\\Users\\svc')).toMatchObject({
      userData: 'C:\\Users\\svc\\AppData\\Roaming\\Ecuapass Desktop',
      policyFile: 'C:\\ProgramData\\Ecuapass Desktop\\policy.json',
    });
  });

  it('Linux: XDG_CONFIG_HOME only when absolute', () => {
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
