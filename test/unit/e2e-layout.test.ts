import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eLayout } from '../../scripts/make-e2e-variant.mjs';

const dist = path.resolve(__dirname, '../../dist');

describe('the packaged E2E copy on each OS (scripts/make-e2e-variant.mjs)', () => {
  it('Linux: dist/linux-unpacked → dist/linux-e2e, the ecuapass-desktop binary', () => {
    expect(e2eLayout('linux', () => false)).toEqual({
      source: path.join(dist, 'linux-unpacked'),
      target: path.join(dist, 'linux-e2e'),
      fuseTarget: path.join(dist, 'linux-e2e', 'ecuapass-desktop'),
      executable: path.join(dist, 'linux-e2e', 'ecuapass-desktop'),
      resources: path.join(dist, 'linux-e2e', 'resources'),
    });
  });

  it('Windows: dist/win-unpacked → dist/win-e2e, "Ecuapass Desktop.exe"', () => {
    expect(e2eLayout('win32', () => false)).toMatchObject({
      source: path.join(dist, 'win-unpacked'),
      executable: path.join(dist, 'win-e2e', 'Ecuapass Desktop.exe'),
      resources: path.join(dist, 'win-e2e', 'resources'),
    });
  });

  it('macOS: the .app of this arch; fuses flipped on the bundle, the binary inside launched, the marker in Contents/Resources', () => {
    const intel = e2eLayout('darwin', (p) => p === path.join(dist, 'mac', 'Ecuapass Desktop.app'));
    expect(intel.source).toBe(path.join(dist, 'mac'));
    const arm = e2eLayout('darwin', (p) => p === path.join(dist, 'mac-arm64', 'Ecuapass Desktop.app'));
    expect(arm).toMatchObject({
      source: path.join(dist, 'mac-arm64'),
      fuseTarget: path.join(dist, 'mac-e2e', 'Ecuapass Desktop.app'),
      executable: path.join(dist, 'mac-e2e', 'Ecuapass Desktop.app', 'Contents', 'MacOS', 'Ecuapass Desktop'),
      resources: path.join(dist, 'mac-e2e', 'Ecuapass Desktop.app', 'Contents', 'Resources'),
    });
  });
});
