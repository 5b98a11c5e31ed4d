// electron-builder `afterPack` hook (electron-builder.yml). Runs for every platform, before electron-builder flips
// the `electronFuses` of electron-builder.yml and before signing.
//
// 1. GrantFileProtocolExtraPrivileges -> off. The renderer is served from app://ecuapass/, never file://, so file://
//    pages need no extra privileges. The fuse exists from Electron 29 on; electron-builder's `electronFuses` would fail
//    on older runtimes ("the fuse wire in this version of Electron is not long enough", e.g. the Electron 25.1.1 test
//    runtime of this machine, whose wire has 7 fuses: 0..6), so it is flipped here only when the binary has it. The
//    decision follows the runtime version (fileProtocolFuseStep): from Electron 29 on the fuse MUST be there and
//    is flipped (a shorter wire fails the build); before 29 its absence is expected. The threshold is the same as
//    src-main/runtime/electron-runtime.ts (FILE_PROTOCOL_FUSE_ELECTRON; a unit test keeps the two equal).
// 2. Safety net for builds with `-c.electronDist=<folder>`: electron-builder copies that folder as is, and a test
//    runtime may carry a loader app in resources/app. The product must run only resources/app.asar.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** The first Electron release whose fuse wire has GrantFileProtocolExtraPrivileges. */
export const FILE_PROTOCOL_FUSE_ELECTRON = 29;

/**
 * What to do with GrantFileProtocolExtraPrivileges for a runtime `electronVersion` ("25.1.1", "45.5.0") whose wire
 * has `fuseCount` fuses: 'flip', or 'absent' (an older runtime, nothing to flip). Throws when a runtime that must
 * have the fuse does not: the build would otherwise ship with file:// privileges silently left on.
 * @param {string | undefined} electronVersion
 * @param {number} fuseCount
 * @returns {'flip' | 'absent'}
 */
export function fileProtocolFuseStep(electronVersion, fuseCount) {
  const major = Number.parseInt(String(electronVersion ?? ''), 10);
  const present = fuseCount > FuseV1Options.GrantFileProtocolExtraPrivileges;
  if (!Number.isInteger(major)) return present ? 'flip' : 'absent';
  if (major >= FILE_PROTOCOL_FUSE_ELECTRON) {
    if (!present) throw new Error(`Electron ${electronVersion} must have the GrantFileProtocolExtraPrivileges fuse, the wire has ${fuseCount}`);
    return 'flip';
  }
  return 'absent';
}

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
  const electronVersion = context.packager?.info?.framework?.version ?? context.packager?.config?.electronVersion;
  if (fileProtocolFuseStep(electronVersion, fuseCount) === 'flip') {
    await flipFuses(binary, {
      version: FuseVersion.V1,
      strictlyRequireAllFuses: false,
      resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
      [index]: false,
    });
    console.log(`  • afterPack: fuse GrantFileProtocolExtraPrivileges disabled in ${binary}`);
  } else {
    console.log(
      `  • afterPack: fuse GrantFileProtocolExtraPrivileges absent (Electron ${electronVersion}, wire of ${fuseCount} fuses): nothing to flip`,
    );
  }
}
