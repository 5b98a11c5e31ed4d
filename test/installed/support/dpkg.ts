import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync } from 'node:fs';

export const PACKAGE = 'ecuapass-desktop';

export function run(cmd: string, args: string[], opts: { cwd?: string } = {}): string {
  const res = spawnSync(cmd, args, { cwd: opts.cwd, encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** The installed version, or null when the package is not installed. */
export function installedVersion(): string | null {
  const res = spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Status} ${Version}', PACKAGE], { encoding: 'utf8' });
  if (res.status !== 0) return null;
  const [status, version] = res.stdout.trim().split(' ');
  return status === 'installed' ? (version ?? null) : null;
}

/** What `dpkg -L` says the package installed, split into files (and links) and directories. */
export function installedPaths(): { files: string[]; dirs: string[] } {
  const lines = execFileSync('dpkg', ['-L', PACKAGE], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('/') && l !== '/.');
  const files: string[] = [];
  const dirs: string[] = [];
  for (const p of lines) (lstatSync(p).isDirectory() ? dirs : files).push(p);
  return { files, dirs };
}
