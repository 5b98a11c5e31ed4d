// electron-builder `afterPack` hook (electron-builder.yml). Runs for every platform, before electron-builder flips
// the `electronFuses` of electron-builder.yml and before signing.
//
// 1. GrantFileProtocolExtraPrivileges -> off. The renderer is served from app://ecuapass/, never file://, so file://
//    pages need no extra privileges. The fuse exists from Electron 29 on; electron-builder's `electronFuses` would fail
//    on older runtimes ("the fuse wire in this version of Electron is not long enough", e.g. the Electron 25.1.1 test
//    runtime of this machine, whose wire has 7 fuses: 0..6), so it is flipped here only when the binary has it.
// 2. Safety net for builds with `-c.electronDist=<folder>`: electron-builder copies that folder as is, and a test
//    runtime may carry a loader app in resources/app. The product must run only resources/app.asar.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

function resourcesDir(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  return electronPlatformName === 'darwin' || electronPlatformName === 'mas'
    ? path.join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : path.join(appOutDir, 'resources');
}

export default async function afterPack(context) {
  const loader = path.join(resourcesDir(context), 'app');
  if (await stat(loader).catch(() => null)) {
    console.log(`  • afterPack: removing ${loader} (not part of the product; only app.asar is loaded)`);
    await rm(loader, { recursive: true, force: true });
  }

  const binary = electronBinary(context);
  const wire = await getCurrentFuseWire(binary);
  const fuseCount = Object.keys(wire).filter((key) => /^\d+$/.test(key)).length;
  const index = FuseV1Options.GrantFileProtocolExtraPrivileges;
  if (fuseCount > index) {
    await flipFuses(binary, {
      version: FuseVersion.V1,
      strictlyRequireAllFuses: false,
      resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
      [index]: false,
    });
    console.log(`  • afterPack: fuse GrantFileProtocolExtraPrivileges disabled in ${binary}`);
  } else {
    console.log(
      `  • afterPack: fuse GrantFileProtocolExtraPrivileges absent (wire of ${fuseCount} fuses, Electron < 29): nothing to flip`,
    );
  }
}
