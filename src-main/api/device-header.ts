import { readFileSync } from 'node:fs';
import os from 'node:os';
import { encodeDeviceHeader } from '../../src-shared/contract/device';

/** What the OS description is made of; read once from os.* (and Electron's process.getSystemVersion when there). */
export interface OsFacts {
  platform: NodeJS.Platform;
  /** os.release(): the kernel's version (Windows "10.0.22631", macOS the Darwin version, Linux "6.1.0-18-amd64"). */
  release: string;
  /** process.getSystemVersion() in Electron (macOS "14.5.0", Windows "10.0.22631"); undefined in plain Node. */
  systemVersion?: string;
  /** /etc/os-release on Linux, when readable. */
  osRelease?: string;
}

/** A readable OS name and version: "Windows 11 (10.0.22631)", "macOS 14.5", "Linux 6.1 (Debian 12)". */
export function describeOs(facts: OsFacts): string {
  const version = facts.systemVersion || facts.release;
  switch (facts.platform) {
    case 'win32': {
      const [major, , build] = version.split('.').map(Number);
      // Windows 11 still reports 10.0; its builds start at 22000.
      const name = major === 10 ? (build !== undefined && build >= 22000 ? 'Windows 11' : 'Windows 10') : 'Windows';
      return `${name} (${version})`;
    }
    case 'darwin':
      // Without Electron only the Darwin version is known, which is not the macOS one.
      return facts.systemVersion ? `macOS ${facts.systemVersion.replace(/\.0$/, '')}` : `macOS (Darwin ${facts.release})`;
    case 'linux': {
      const kernel = /^\d+\.\d+/.exec(facts.release)?.[0] ?? facts.release;
      const distro = facts.osRelease ? distribution(facts.osRelease) : null;
      return distro ? `Linux ${kernel} (${distro})` : `Linux ${kernel}`;
    }
    default:
      return `${facts.platform} ${facts.release}`;
  }
}

/** "Debian 12" from os-release's NAME="Debian GNU/Linux" and VERSION_ID="12" (the name's first word, as people say it). */
function distribution(osRelease: string): string | null {
  const field = (key: string) => new RegExp(`^${key}=["']?([^"'\\n]*)["']?$`, 'm').exec(osRelease)?.[1]?.trim();
  const name = field('NAME')?.split(/\s+/)[0];
  if (!name) return null;
  const version = field('VERSION_ID');
  return version ? `${name} ${version}` : name;
}

/** The X-Ecuapass-Device value of this workstation, built once per run (src-shared/contract/device.ts). */
export function deviceHeaderValue(appVersion: string): string {
  return encodeDeviceHeader({ host: os.hostname(), os: describeOs(thisOs()), app: appVersion });
}

function thisOs(): OsFacts {
  const facts: OsFacts = { platform: process.platform, release: os.release() };
  // Electron's own (absent in plain Node): macOS's real version, which os.release() does not give.
  const electronProcess = process as NodeJS.Process & { getSystemVersion?: () => string };
  if (typeof electronProcess.getSystemVersion === 'function') facts.systemVersion = electronProcess.getSystemVersion();
  if (process.platform === 'linux') {
    try {
      facts.osRelease = readFileSync('/etc/os-release', 'utf8');
    } catch {
      // A distribution without the file: the kernel's version says enough.
    }
  }
  return facts;
}
