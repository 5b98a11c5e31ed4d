import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a crash or power loss leaves either the old or the new content, never a
 * mix: a temp file beside it, fsync, rename over the target, fsync of the folder (the rename
 * itself is durable). Readable by this OS user only.
 */
export function writeFileAtomic(path: string, data: Buffer, tempSuffix = `.tmp-${process.pid}`): void {
  const temp = path + tempSuffix;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncFolder(dirname(path));
}

function syncFolder(dir: string): void {
  // Windows cannot open a folder for fsync; there NTFS's rename is journaled.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
