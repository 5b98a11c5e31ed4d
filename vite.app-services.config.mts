import { defineConfig } from 'vite';
import { nodeBundle } from './vite.node-bundle.mjs';

// The main process's services (src-main/app-services.ts: settings, policy, logging, keychain client, backend,
// drafts, updates), a bundle of their own next to the start-up entry (issue #15). src-main/index.ts opens the window
// first and only then requires out/main/app-services.js by path, so none of this is parsed before the window exists.
// Built apart from electron-vite's main build on purpose: as a second input or a dynamic import() there, the
// bundler moves shared code into one chunk and index requires it at once. The few small modules both use (start-up
// marks, the bridge's method names, the app:// origin) are stateless, so a copy in each bundle is harmless.
// electron-updater is a chunk of its own, loaded at the first update check.
export default defineConfig({
  resolve: { alias: [{ find: /^i18n-iso-countries$/, replacement: 'i18n-iso-countries/index.js' }] },
  // Everything but Electron and keytar bundled, as in electron.vite.config.ts.
  build: { ...nodeBundle('src-main/app-services.ts', 'app-services.js', { chunkFileNames: 'chunks/[name]-[hash].js' }), ssrEmitAssets: false },
  ssr: { noExternal: true },
});
