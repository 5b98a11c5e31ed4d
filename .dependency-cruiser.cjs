/**
 * The layer rule (docs/architecture.md §1), enforced in `npm run lint`: src-shared imports none of the others
 * and no Node/Electron/DOM-specific module; renderer, main and server import src-shared only.
 */
const NODE_BUILTINS = '^(node:|(assert|buffer|child_process|crypto|dns|events|fs|http|https|net|os|path|stream|tls|url|util|worker_threads|zlib)$)';

/** A forbidden import: `from` files (a path pattern) may not import what `to` matches. */
const forbid = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to });
const PLATFORM = { path: `${NODE_BUILTINS}|^electron$`, dependencyTypesNot: ['type-only'] };

module.exports = {
  forbidden: [
    forbid('shared-is-pure', '^src-shared/', { path: '^(src-main|src-renderer|src-server)/' }, 'src-shared is pure TypeScript used by all layers: it may not import another layer.'),
    forbid('shared-no-platform', '^src-shared/', PLATFORM, 'src-shared may not use Node built-ins or Electron.'),
    forbid('renderer-only-shared', '^src-renderer/', { path: '^(src-main|src-server)/' }, 'The renderer reaches the main process only through window.ecuapass.'),
    forbid('renderer-no-node', '^src-renderer/', PLATFORM, 'The renderer is a sandboxed web page: no Node built-ins, no Electron.'),
    forbid('main-only-shared', '^src-main/', { path: '^(src-renderer|src-server)/' }, 'The main process shares only src-shared with the others.'),
    forbid('server-only-shared', '^src-server/', { path: '^(src-renderer|src-main)/' }, 'The backend shares only src-shared with the others.'),
    forbid('server-no-electron', '^src-server/', { path: '^electron$' }, 'The backend runs on plain Node.'),
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
