// Shared helpers of the packaging tests: where the packaged Linux folder build is, and a reader of app.asar's header.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const UNPACKED_DIR = path.join(REPO_ROOT, 'dist/linux-unpacked');
export const EXECUTABLE = path.join(UNPACKED_DIR, 'ecuapass-desktop');
export const RESOURCES_DIR = path.join(UNPACKED_DIR, 'resources');
export const APP_ASAR = path.join(RESOURCES_DIR, 'app.asar');
export const APP_ASAR_UNPACKED = path.join(RESOURCES_DIR, 'app.asar.unpacked');

/** Fails the suite with an actionable message instead of a cascade of ENOENTs. */
export function requirePackagedApp(): void {
  for (const file of [EXECUTABLE, APP_ASAR]) {
    if (!existsSync(file)) {
      throw new Error(`packaged app missing: ${path.relative(REPO_ROOT, file)} — run \`npm run package:dir\` first`);
    }
  }
}

export interface AsarEntry {
  /** Path inside the archive, '/'-separated, without a leading slash. */
  path: string;
  kind: 'file' | 'directory' | 'link';
  size?: number;
  /** The file lives in app.asar.unpacked, the archive only lists it. */
  unpacked: boolean;
}

interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
  link?: string;
}

/**
 * The header of an asar archive (format: a Chromium pickle holding the header size, then a pickle holding the JSON
 * header, then the packed files' data). Read by hand to keep the tests free of undeclared dependencies.
 */
function readHeader(archive: string): { root: AsarNode; dataOffset: number } {
  const fd = openSync(archive, 'r');
  try {
    const sizePickle = Buffer.alloc(8);
    readSync(fd, sizePickle, 0, 8, 0);
    const headerPickleSize = sizePickle.readUInt32LE(4);
    const headerPickle = Buffer.alloc(headerPickleSize);
    readSync(fd, headerPickle, 0, headerPickleSize, 8);
    const jsonLength = headerPickle.readInt32LE(4);
    const root = JSON.parse(headerPickle.toString('utf8', 8, 8 + jsonLength)) as AsarNode;
    return { root, dataOffset: 8 + headerPickleSize };
  } finally {
    closeSync(fd);
  }
}

/** Every entry of an asar archive. */
export function listAsar(archive: string): AsarEntry[] {
  const entries: AsarEntry[] = [];
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const entryPath = prefix ? `${prefix}/${name}` : name;
      if (child.files) {
        entries.push({ path: entryPath, kind: 'directory', unpacked: !!child.unpacked });
        walk(child, entryPath);
      } else {
        entries.push({
          path: entryPath,
          kind: child.link ? 'link' : 'file',
          ...(child.size === undefined ? {} : { size: child.size }),
          unpacked: !!child.unpacked,
        });
      }
    }
  };
  walk(readHeader(archive).root, '');
  return entries;
}

/** The content of one packed (not unpacked) file of the archive. */
export function readAsarFile(archive: string, filePath: string): Buffer {
  const { root, dataOffset } = readHeader(archive);
  let node: AsarNode | undefined = root;
  for (const part of filePath.split('/')) node = node?.files?.[part];
  if (!node || node.files || node.offset === undefined || node.size === undefined) {
    throw new Error(`${filePath}: not a packed file of ${archive}`);
  }
  const content = Buffer.alloc(node.size);
  const fd = openSync(archive, 'r');
  try {
    readSync(fd, content, 0, node.size, dataOffset + Number(node.offset));
  } finally {
    closeSync(fd);
  }
  return content;
}
