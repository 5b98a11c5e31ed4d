import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface PrivateKeyring {
  /** Environment for the app: this D-Bus session and keyring folder (DISPLAY stays the test's). */
  env: Record<string, string>;
  stop(): void;
}

/**
 * A D-Bus session of its own with gnome-keyring, whose login keyring lives in `home` and is
 * unlocked with `password`. Given the wrong password for an existing keyring, the keyring stays
 * locked. The bus is started WITHOUT a DISPLAY: gnome-keyring's unlock prompter takes its display
 * from the bus's environment, so no prompt can appear (the case of issue 9).
 */
export function startPrivateKeyring(home: string, password: string): PrivateKeyring {
  const env: Record<string, string> = {
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_RUNTIME_DIR: path.join(home, 'run'),
  };
  mkdirSync(env.XDG_DATA_HOME!, { recursive: true });
  mkdirSync(env.XDG_RUNTIME_DIR!, { recursive: true, mode: 0o700 });
  const base: Record<string, string | undefined> = { ...process.env, ...env };
  delete base.DISPLAY;
  delete base.DBUS_SESSION_BUS_ADDRESS;
  delete base.GNOME_KEYRING_CONTROL;
  const [address, busPid] = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
    env: base,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  env.DBUS_SESSION_BUS_ADDRESS = address!;
  const unlocked = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    env: { ...base, DBUS_SESSION_BUS_ADDRESS: address },
    input: password,
    encoding: 'utf8',
  });
  if (unlocked.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${unlocked.stderr}`);
  // The keyring daemon of THIS bus: the one with its address in its environment.
  const mine = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('gnome-keyring-daemon') &&
          readFileSync(`/proc/${pid}/environ`, 'utf8').includes(address!)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
  return {
    env,
    stop() {
      for (const pid of [...mine, Number(busPid)]) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}
