// The Windows app files, packed HERE (issue 29): electron-builder --win --dir with a stand-in runtime (the Linux
// Electron binary named electron.exe; resources not edited, nothing signed). electron-builder packs app.asar with the
// Windows file list of electron-builder.yml, then stops where it must embed the asar integrity hash into a real PE
// executable — the limit of a machine without Windows. What it packed is what the installers will carry.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTABLE, REPO_ROOT, listAsar, requirePackagedApp, type AsarEntry } from './packaged-app';

describe('app.asar of the Windows build (electron-builder --win --dir, stand-in runtime)', () => {
  let work: string;
  let output = '';
  let entries: AsarEntry[];

  beforeAll(() => {
    requirePackagedApp();
    work = mkdtempSync(path.join(tmpdir(), 'ecuapass-win-dir-'));
    const runtime = path.join(work, 'runtime');
    mkdirSync(path.join(runtime, 'resources'), { recursive: true });
    try {
      linkSync(EXECUTABLE, path.join(runtime, 'electron.exe'));
    } catch {
      cpSync(EXECUTABLE, path.join(runtime, 'electron.exe'));
    }
    try {
      output = execFileSync(
        process.execPath,
        [
          path.join(REPO_ROOT, 'node_modules/electron-builder/cli.js'),
          '--win', '--dir', '--x64', '--publish', 'never',
          `-c.electronDist=${runtime}`, '-c.electronVersion=25.1.1', '-c.win.signAndEditExecutable=false',
          `-c.directories.output=${path.join(work, 'dist')}`,
        ],
        { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    const asar = path.join(work, 'dist', 'win-unpacked', 'resources', 'app.asar');
    if (!existsSync(asar)) throw new Error(`electron-builder --win --dir packed no app.asar:\n${output}`);
    entries = listAsar(asar);
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('stops only at the asar integrity of a real Windows executable (what this machine cannot provide)', () => {
    expect(output).toMatch(/Invalid binary format[\s\S]*addWinAsarIntegrity|addWinAsarIntegrity[\s\S]*Invalid binary format/);
  });

  it("carries keytar's win32-x64 prebuild and the machine-policy reader, and no other module", () => {
    const modules = entries.filter((e) => e.path.startsWith('node_modules/') && e.kind !== 'directory').map((e) => e.path);
    expect(modules.sort()).toEqual(
      [
        'node_modules/@github/keytar/LICENSE.md',
        'node_modules/@github/keytar/lib/keytar.js',
        'node_modules/@github/keytar/package.json',
        'node_modules/@github/keytar/prebuilds/win32-x64/keytar.node',
        'node_modules/@vscode/policy-watcher/LICENSE',
        'node_modules/@vscode/policy-watcher/build/Release/vscode-policy-watcher.node',
        'node_modules/@vscode/policy-watcher/index.js',
        'node_modules/@vscode/policy-watcher/package.json',
        'node_modules/bindings/LICENSE.md',
        'node_modules/bindings/bindings.js',
        'node_modules/bindings/package.json',
        'node_modules/file-uri-to-path/LICENSE',
        'node_modules/file-uri-to-path/index.js',
        'node_modules/file-uri-to-path/package.json',
      ].sort(),
    );
  });

  it('both native modules are unpacked (a .node cannot load from inside app.asar)', () => {
    const natives = entries.filter((e) => e.path.endsWith('.node'));
    expect(natives.length).toBe(2);
    expect(natives.every((e) => e.unpacked)).toBe(true);
  });
});
