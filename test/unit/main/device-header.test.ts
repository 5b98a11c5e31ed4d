import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeOs, deviceHeaderValue } from '../../../src-main/api/device-header';
import { parseDeviceHeader } from '../../../src-shared/contract/device';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\nID=ubuntu\nVERSION_ID="22.04"\n';

describe("the workstation's OS as the device header names it", () => {
  it.each([
    [{ platform: 'win32', release: '10.0.22631', systemVersion: '10.0.22631' }, 'Windows 11 (10.0.22631)'],
    [{ platform: 'win32', release: '10.0.19045' }, 'Windows 10 (10.0.19045)'],
    [{ platform: 'win32', release: '6.1.7601' }, 'Windows (6.1.7601)'],
    [{ platform: 'darwin', release: '23.5.0', systemVersion: '14.5.0' }, 'macOS 14.5'],
    [{ platform: 'darwin', release: '23.5.0', systemVersion: '13.6.7' }, 'macOS 13.6.7'],
    [{ platform: 'darwin', release: '23.5.0' }, 'macOS (Darwin 23.5.0)'],
    [{ platform: 'linux', release: '6.1.0-18-amd64', osRelease: DEBIAN }, 'Linux 6.1 (Debian 12)'],
    [{ platform: 'linux', release: '5.15.0-105-generic', osRelease: UBUNTU }, 'Linux 5.15 (Ubuntu 22.04)'],
    [{ platform: 'linux', release: '6.8.0' }, 'Linux 6.8'],
    [{ platform: 'linux', release: '6.8.0', osRelease: 'garbage' }, 'Linux 6.8'],
  ] as const)('%j → %s', (facts, expected) => {
    expect(describeOs(facts)).toBe(expected);
  });

  it("this machine's value: its host name, its OS and the app version, readable by the backend's parser", () => {
    const info = parseDeviceHeader(deviceHeaderValue('0.1.0'));
    expect(info.host).toBe(os.hostname().slice(0, 64));
    expect(info.os).toMatch(process.platform === 'linux' ? /^Linux \d+\.\d+/ : /\S/);
    expect(info.app).toBe('0.1.0');
  });
});
