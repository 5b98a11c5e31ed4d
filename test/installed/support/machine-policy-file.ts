import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const POLICY_DIR = '/etc/ecuapass-desktop';
export const POLICY_FILE = path.join(POLICY_DIR, 'policy.json');

export interface MachinePolicyFile {
  write(policy: unknown): void;
  /** Prefix for the launch command: runs the app where /etc/ecuapass-desktop is this test's (private mode). */
  wrap: string[];
  mode: 'machine' | 'private';
  /** Puts back whatever was there before (or nothing). */
  restore(): void;
}

/**
 * The installed app reads its policy only from /etc/ecuapass-desktop/policy.json. Two ways to give it the test's:
 * - 'machine' (CI, a machine of its own): write that very file; the previous one, if any, is kept and put back.
 * - 'private' (a shared developer machine where other packaged apps run tests at the same time): the app runs in
 *   a private mount namespace where a folder of the test's is bind-mounted on /etc/ecuapass-desktop, so only
 *   that process (and the one the updater restarts from it) sees the test policy; nobody else's is changed.
 */
export function machinePolicyFile(mode: 'machine' | 'private'): MachinePolicyFile {
  if (mode === 'machine') {
    const before = existsSync(POLICY_FILE) ? readFileSync(POLICY_FILE) : null;
    const createdDir = !existsSync(POLICY_DIR);
    return {
      mode,
      wrap: [],
      write(policy) {
        mkdirSync(POLICY_DIR, { recursive: true });
        writeFileSync(POLICY_FILE, JSON.stringify(policy, null, 2), { mode: 0o644 });
      },
      restore() {
        if (before) writeFileSync(POLICY_FILE, before);
        else rmSync(POLICY_FILE, { force: true });
        if (createdDir && !before) rmdirSync(POLICY_DIR);
      },
    };
  }
  const own = mkdtempSync(path.join(tmpdir(), 'ecuapass-policy-'));
  const createdDir = !existsSync(POLICY_DIR);
  // An empty mount point changes nothing for anyone else: no policy.json in it.
  if (createdDir) mkdirSync(POLICY_DIR);
  return {
    mode,
    wrap: ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', `mount --bind "$0" ${POLICY_DIR} && exec "$@"`, own],
    write(policy) {
      writeFileSync(path.join(own, 'policy.json'), JSON.stringify(policy, null, 2), { mode: 0o644 });
    },
    restore() {
      rmSync(own, { recursive: true, force: true });
      if (createdDir) rmdirSync(POLICY_DIR);
    },
  };
}

/** Whether this machine lets root make a private mount namespace (containers without CAP_SYS_ADMIN do not). */
export function privateMountWorks(): boolean {
  const res = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount -t tmpfs none /mnt'], { encoding: 'utf8' });
  return res.status === 0;
}
