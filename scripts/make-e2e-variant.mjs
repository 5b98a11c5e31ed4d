// The E2E suite drives the packaged app with Playwright, which attaches to the main process through
// the Node inspector. The release build switches that off (fuse EnableNodeCliInspectArguments), so
// the tests run a copy of dist/linux-unpacked that differs in that one fuse and nothing else: the
// same app.asar, the same binary, the same other fuses. Prints the copy's executable.
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(repo, 'dist/linux-unpacked');
const target = path.join(repo, 'dist/linux-e2e');
const executable = path.join(target, 'ecuapass-desktop');

if (!existsSync(path.join(source, 'ecuapass-desktop'))) {
  console.error('dist/linux-unpacked is missing: run `npm run package:dir` first');
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true, verbatimSymlinks: true });
await flipFuses(executable, {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
});
// Marks the copy as a test build: only such a copy (or a development run) honours ECUAPASS_POLICY_FILE
// (src-main/policy/policy-location.ts). An installed program's resources folder is root's, like /etc.
writeFileSync(path.join(target, 'resources', 'ecuapass-test-build'), 'E2E copy: honours ECUAPASS_POLICY_FILE\n');
console.log(executable);
