/**
 * The layer rule (docs/architecture.md §1), enforced in `npm run lint`: src-shared imports none of the others
 * and no Node/Electron/DOM-specific module; renderer, main and server import src-shared only.
 */
const NODE_BUILTINS = '^(node:|(assert|buffer|child_process|crypto|dns|events|fs|http|https|net|os|path|stream|tls|url|util|worker_threads|zlib)$)';

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src-shared is pure TypeScript used by all layers: it may not import another layer.',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer|src-server)/' },
    },
    {
      name: 'shared-no-platform',
      comment: 'src-shared may not use Node built-ins or Electron.',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { path: `${NODE_BUILTINS}|^electron$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches the main process only through window.ecuapass.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^(src-main|src-server)/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer is a sandboxed web page: no Node built-ins, no Electron.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: `${NODE_BUILTINS}|^electron$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'main-only-shared',
      severity: 'error',
      from: { path: '^src-main/' },
      to: { path: '^(src-renderer|src-server)/' },
    },
    {
      name: 'server-only-shared',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: '^(src-renderer|src-main)/' },
    },
    {
      name: 'server-no-electron',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: '^electron$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
