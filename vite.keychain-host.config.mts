import { defineConfig } from 'vite';
import { nodeBundle } from './vite.node-bundle.mjs';

// The keychain helper (src-main/session/keychain-host/host.ts) as ONE self-contained CommonJS file
// next to the main bundle. Built apart from electron-vite's main build on purpose: as a second
// input there, rollup would move shared code into a chunk and the helper would require the whole
// main process. Only the native keytar module (and Electron) stay outside.
export default defineConfig({
  build: nodeBundle('src-main/session/keychain-host/host.ts', 'keychain-host.js'),
});
