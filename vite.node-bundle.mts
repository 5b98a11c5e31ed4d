import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

/**
 * A main-process bundle of its own next to electron-vite's out/main: one CommonJS file for Node 18 (the Electron 25
 * test runtime), minified, with only Electron, the native keytar module and Node's built-ins left outside.
 */
export function nodeBundle(entry: string, fileName: string, extra: { chunkFileNames?: string } = {}): UserConfig['build'] {
  return {
    ssr: resolve(__dirname, entry),
    target: 'node18',
    outDir: 'out/main',
    emptyOutDir: false,
    minify: true,
    rollupOptions: {
      external: ['electron', '@github/keytar', '@vscode/policy-watcher', /^node:/],
      output: { format: 'cjs', entryFileNames: fileName, ...extra },
    },
  };
}
