// The E2E suite drives the packaged app with Playwright, which attaches to the main process through
// the Node inspector. The release build switches that off (fuse EnableNodeCliInspectArguments), so
// the tests run a copy of the unpacked build that differs in that one fuse (and the test-build marker) and nothing
// else: the same app.asar, the same binary, the same other fuses. Prints the copy's executable.
//   Linux    dist/linux-unpacked/ecuapass-desktop          -> dist/linux-e2e/
//   Windows  dist/win-unpacked/Ecuapass Desktop.exe        -> dist/win-e2e/
//   macOS    dist/mac-arm64|mac/Ecuapass Desktop.app       -> dist/mac-e2e/ (re-signed ad hoc after the flip)
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PRODUCT = 'Ecuapass Desktop';

/** Where the unpacked build of this OS is, and what to flip, launch and mark in its copy. */
export function e2eLayout(platform = process.platform, exists = existsSync) {
  const dist = path.join(repo, 'dist');
  if (platform === 'win32') {
    const target = path.join(dist, 'win-e2e');
    const exe = path.join(target, `${PRODUCT}.exe`);
    return { source: path.join(dist, 'win-unpacked'), target, fuseTarget: exe, executable: exe, resources: path.join(target, 'resources') };
  }
  if (platform === 'darwin') {
    const source = [path.join(dist, 'mac-arm64'), path.join(dist, 'mac')].find((d) => exists(path.join(d, `${PRODUCT}.app`))) ?? path.join(dist, 'mac-arm64');
    const target = path.join(dist, 'mac-e2e');
    const app = path.join(target, `${PRODUCT}.app`);
    return { source, target, fuseTarget: app, executable: path.join(app, 'Contents', 'MacOS', PRODUCT), resources: path.join(app, 'Contents', 'Resources') };
  }
  const target = path.join(dist, 'linux-e2e');
  const exe = path.join(target, 'ecuapass-desktop');
  return { source: path.join(dist, 'linux-unpacked'), target, fuseTarget: exe, executable: exe, resources: path.join(target, 'resources') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const layout = e2eLayout();
  if (!existsSync(layout.source)) {
    console.error(`${path.relative(repo, layout.source)} is missing: package the app first (npm run package:dir, or electron-builder --dir)`);
    process.exit(1);
  }
  rmSync(layout.target, { recursive: true, force: true });
  cpSync(layout.source, layout.target, { recursive: true, verbatimSymlinks: true });
  // Marks the copy as a test build: only such a copy (or a development run) honours ECUAPASS_POLICY_FILE
  // (src-main/policy/policy-location.ts). An installed program's resources folder is the administrator's.
  // Written before the flip: on macOS the flip re-signs the bundle (ad hoc), the marker included.
  writeFileSync(path.join(layout.resources, 'ecuapass-test-build'), 'E2E copy: honours ECUAPASS_POLICY_FILE\n');
  await flipFuses(layout.fuseTarget, {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: false,
    resetAdHocDarwinSignature: process.platform === 'darwin',
    [FuseV1Options.EnableNodeCliInspectArguments]: true,
  });
  console.log(layout.executable);
}
