// What the PACKAGED app (dist/linux-unpacked, `npm run package:dir`) carries: the desktop bundles and the native
// keychain module only — no backend, no server-only dependency, no source, no test runtime leftovers.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ASAR,
  APP_ASAR_UNPACKED,
  RESOURCES_DIR,
  listAsar,
  readAsarFile,
  requirePackagedApp,
  type AsarEntry,
} from './packaged-app';

const KEYTAR_NODE = 'node_modules/@github/keytar/prebuilds/linux-x64/keytar.node';

describe('app.asar of the packaged app', () => {
  let entries: AsarEntry[];
  let paths: Set<string>;

  beforeAll(() => {
    requirePackagedApp();
    entries = listAsar(APP_ASAR);
    paths = new Set(entries.map((e) => e.path));
  });

  it('contains the main, preload and renderer bundles and package.json', () => {
    for (const file of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json']) {
      expect(paths.has(file), file).toBe(true);
    }
    expect(entries.some((e) => /^out\/renderer\/assets\/.+\.js$/.test(e.path))).toBe(true);
  });

  it('package.json points at the bundled main and names the desktop entry', () => {
    const pkg = JSON.parse(readAsarFile(APP_ASAR, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.productName).toBe('Ecuapass Desktop');
    expect(pkg.desktopName).toBe('ecuapass-desktop.desktop');
  });

  it('carries nothing of the backend, the sources or the tests', () => {
    const forbidden = [
      /^out\/server(\/|$)/,
      /^src-(server|main|renderer|shared)(\/|$)/,
      /^(test|bench|scripts|assets|dist|\.cache|\.git)(\/|$)/,
      /(^|\/)(fastify|better-sqlite3|kysely|nodemailer|axios|zod|react|react-dom|zustand|electron-log)(\/|$)/,
      /\.map$/,
      /\.ts$/,
    ];
    const offenders = entries.map((e) => e.path).filter((p) => forbidden.some((re) => re.test(p)));
    expect(offenders).toEqual([]);
  });

  it('has no node_modules but @github/keytar, and of keytar only its loader and the linux-x64 binary', () => {
    const modules = entries.filter((e) => e.path.startsWith('node_modules/') && e.kind !== 'directory');
    expect(modules.map((e) => e.path).sort()).toEqual(
      [
        'node_modules/@github/keytar/LICENSE.md',
        'node_modules/@github/keytar/lib/keytar.js',
        'node_modules/@github/keytar/package.json',
        KEYTAR_NODE,
      ].sort(),
    );
  });

  it("keytar's native binary is unpacked (app.asar.unpacked) and is an x86-64 ELF shared object", () => {
    expect(entries.find((e) => e.path === KEYTAR_NODE)?.unpacked).toBe(true);
    const file = path.join(APP_ASAR_UNPACKED, KEYTAR_NODE);
    expect(existsSync(file), file).toBe(true);
    const head = readFileSync(file).subarray(0, 20);
    expect(head.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(head.readUInt16LE(16)).toBe(3); // ET_DYN
    expect(head.readUInt16LE(18)).toBe(62); // EM_X86_64
  });

  it('every native (.node) file is unpacked, and nothing else but keytar is', () => {
    const packedNative = entries.filter((e) => e.path.endsWith('.node') && !e.unpacked).map((e) => e.path);
    expect(packedNative).toEqual([]);
    const unpackedOutsideKeytar = entries
      .filter((e) => e.unpacked && e.kind !== 'directory' && !e.path.startsWith('node_modules/@github/keytar/'))
      .map((e) => e.path);
    expect(unpackedOutsideKeytar).toEqual([]);
  });

  it('resources holds only app.asar, app.asar.unpacked and the updater config (no test loader in resources/app)', () => {
    expect(readdirSync(RESOURCES_DIR).sort()).toEqual(['app-update.yml', 'app.asar', 'app.asar.unpacked']);
  });

  it("app-update.yml names the updater's cache folder and the product's feed, nothing local", () => {
    const yml = readFileSync(path.join(RESOURCES_DIR, 'app-update.yml'), 'utf8');
    expect(yml).toContain('provider: generic');
    expect(yml).toContain('url: https://ecuapassdesktop.com/actualizaciones/linux');
    expect(yml).toContain('updaterCacheDirName: ecuapass-desktop-updater');
  });

  it('app.asar stays small (bundles only)', () => {
    const packedBytes = entries.reduce((sum, e) => sum + (e.kind === 'file' && !e.unpacked ? (e.size ?? 0) : 0), 0);
    expect(packedBytes).toBeLessThan(5 * 1024 * 1024);
  });
});
