// Rewrites the "version" of the package.json inside an app.asar (used by package-deb.sh with DEB_VERSION to build
// "the same app, a higher version" for the update tests). Uses @electron/asar, which electron-builder brings.
import asar from '@electron/asar';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [archive, version] = process.argv.slice(2);
if (!archive || !/^\d+\.\d+\.\d+([-.+][\w.]+)?$/.test(version ?? '')) {
  console.error('usage: set-asar-version.mjs <app.asar> <semver>');
  process.exit(2);
}
const work = mkdtempSync(path.join(tmpdir(), 'asar-version-'));
const extracted = path.join(work, 'app');
asar.extractAll(archive, extracted);
const pkgFile = path.join(extracted, 'package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
pkg.version = version;
writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
const unpacked = `${archive}.unpacked`;
// Keep native modules outside the archive, as electron-builder packed them.
await asar.createPackageWithOptions(extracted, path.join(work, 'app.asar'), { unpack: '**/*.node' });
cpSync(path.join(work, 'app.asar'), archive);
rmSync(path.join(work, 'app.asar.unpacked'), { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
console.log(`${archive}: version ${version} (${unpacked} unchanged)`);
