import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['.tmp/**', 'out/**', 'dist/**', 'node_modules/**', '.cache/**', '.sandbox/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never touches web storage: nothing of the session may be kept there.
      'no-restricted-globals': ['error', 'localStorage', 'sessionStorage', 'indexedDB'],
    },
  },
  {
    // Native modules (keytar) and the electron binary path are loaded with require on purpose.
    files: ['src-main/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Electron 25's Node 18 loops forever at quit when a FinalizationRegistry has cleanup pending
    // (nodejs/node#47748): the main process uses nothing that registers objects in one. The one exception is the
    // modern branch of src-main/runtime/electron-runtime.ts (Electron >= 29, Node 20), disabled line by line.
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'AbortSignal', property: 'timeout', message: 'Registers the signal in a FinalizationRegistry (hangs the quit on Node 18): use an AbortController and a timer.' },
        { object: 'AbortSignal', property: 'any', message: 'Registers the signal in a FinalizationRegistry (hangs the quit on Node 18).' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'FinalizationRegistry', message: 'Hangs the quit on Node 18 (nodejs/node#47748).' },
        { name: 'WeakRef', message: 'Keep the main process free of weak references (nodejs/node#47748 at quit).' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Request']", message: 'A Request with a signal is registered in a FinalizationRegistry (hangs the quit on Node 18): pass the URL and init on.' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
