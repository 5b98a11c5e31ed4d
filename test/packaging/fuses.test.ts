// Reads the Electron fuses back from the PACKAGED binary (dist/linux-unpacked/ecuapass-desktop, built by
// `npm run package:dir`) and checks each one electron-builder.yml (`electronFuses`) and
// scripts/package-after-pack.mjs set. Run with `npm run test:packaging`.
//
// The fuse wire is a run of bytes after a sentinel in the binary: '0' disabled, '1' enabled, 'r' removed. Its length
// depends on the Electron version: Electron 25.1.1 (the test runtime here) has 7 fuses, indices 0..6;
// GrantFileProtocolExtraPrivileges (index 7) exists from Electron 29 on.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXECUTABLE, requirePackagedApp } from './packaged-app';

const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

/** The state the product wants for each fuse it sets. */
const EXPECTED: ReadonlyArray<{ fuse: FuseV1Options; want: 'enabled' | 'disabled' }> = [
  { fuse: FuseV1Options.RunAsNode, want: 'disabled' },
  { fuse: FuseV1Options.EnableCookieEncryption, want: 'enabled' },
  { fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable, want: 'disabled' },
  { fuse: FuseV1Options.EnableNodeCliInspectArguments, want: 'disabled' },
  { fuse: FuseV1Options.EnableEmbeddedAsarIntegrityValidation, want: 'enabled' },
  { fuse: FuseV1Options.OnlyLoadAppFromAsar, want: 'enabled' },
  // Flipped by scripts/package-after-pack.mjs, only on runtimes that have it (Electron >= 29).
  { fuse: FuseV1Options.GrantFileProtocolExtraPrivileges, want: 'disabled' },
];

describe('Electron fuses of the packaged app', () => {
  let wire: Record<number, number>;
  let wireLength: number;

  beforeAll(async () => {
    requirePackagedApp();
    const current = (await getCurrentFuseWire(EXECUTABLE)) as unknown as Record<string, number | string>;
    expect(current.version, 'fuse wire version').toBe('1');
    wire = {};
    for (const [key, value] of Object.entries(current)) if (/^\d+$/.test(key)) wire[Number(key)] = value as number;
    wireLength = Object.keys(wire).length;
  });

  it('has a fuse wire (Electron >= 12) of at least the six fuses the product sets', () => {
    // Electron 25: 7 fuses (0..6). Every one of the six below exists there.
    expect(wireLength).toBeGreaterThanOrEqual(FuseV1Options.OnlyLoadAppFromAsar + 1);
  });

  for (const { fuse, want } of EXPECTED) {
    const name = FuseV1Options[fuse];
    it(`${name} (#${fuse}) is ${want}, or absent from older runtimes`, () => {
      if (fuse >= wireLength) {
        // Absent: this runtime predates the fuse (GrantFileProtocolExtraPrivileges on Electron < 29). Only
        // GrantFileProtocolExtraPrivileges may be missing: the six of electronFuses must all exist.
        expect(fuse, `${name} is missing from a wire of ${wireLength} fuses`).toBe(
          FuseV1Options.GrantFileProtocolExtraPrivileges,
        );
        expect(wire[fuse]).toBeUndefined();
        return;
      }
      const state = wire[fuse];
      expect(String.fromCharCode(state ?? 0), `${name}: '1' enabled, '0' disabled, 'r' removed`).toBe(
        String.fromCharCode(want === 'enabled' ? ENABLED : DISABLED),
      );
    });
  }

  it('leaves LoadBrowserProcessSpecificV8Snapshot at its default (disabled)', () => {
    expect(String.fromCharCode(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot] ?? 0)).toBe('0');
  });
});
