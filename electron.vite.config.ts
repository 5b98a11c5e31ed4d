import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Main and preload are CommonJS for Node 18 / Chrome 114 (the Electron 25 test runtime, docs/architecture.md §8):
// a sandboxed preload cannot be an ES module. Only the native keychain module stays outside the
// bundle; everything else the main process needs is bundled, so the packaged app carries no
// server dependencies.
export default defineConfig({
  main: {
    // The package's Node entry requires every locale by computed path, which cannot be bundled;
    // its browser entry registers none, and src-shared registers Spanish itself.
    resolve: { alias: [{ find: /^i18n-iso-countries$/, replacement: 'i18n-iso-countries/index.js' }] },
    build: {
      target: 'node18',
      outDir: 'out/main',
      externalizeDeps: false,
      // Less to parse at every start.
      minify: true,
      rollupOptions: {
        // Only the start-up entry: it opens the window, then requires out/main/app-services.js (everything behind the
        // bridge), which vite.app-services.config.mts builds apart (issue #15).
        input: { index: resolve(__dirname, 'src-main/index.ts') },
        external: ['electron', '@github/keytar', '@vscode/policy-watcher', /^node:/],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      // electron-vite requires a node target for the preload; node18 syntax is what Chrome 114 runs too.
      target: 'node18',
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/preload.ts'),
          // The proxy login window's own preload (issue 12): it knows one channel and nothing of the bridge.
          'proxy-login': resolve(__dirname, 'src-main/proxy/proxy-login-preload.ts'),
        },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      target: 'chrome114',
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
