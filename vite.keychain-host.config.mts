import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The keychain helper (src-main/session/keychain-host/host.ts) as ONE self-contained CommonJS file
// next to the main bundle. Built apart from electron-vite's main build on purpose: as a second
// input there, rollup would move shared code into a chunk and the helper would require the whole
// main process. Only the native keytar module (and Electron) stay outside.
export default defineConfig({
  build: {
    ssr: resolve(__dirname, 'src-main/session/keychain-host/host.ts'),
    target: 'node18',
    outDir: 'out/main',
    emptyOutDir: false,
    minify: true,
    rollupOptions: {
      external: ['electron', '@github/keytar', /^node:/],
      output: { format: 'cjs', entryFileNames: 'keychain-host.js' },
    },
  },
});
