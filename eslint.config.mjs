import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const electronOnlyInShell = {
  name: 'electron',
  message: 'Services, platform backends, shared code and the CLI never import electron.',
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.wine/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-empty-pattern': 'off', // Playwright fixtures take `{}` when they need no other fixture
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only through window.api (src/renderer/src/ipc).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/services/**', 'src/main/platform/**', 'src/shared/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }] },
  },
  {
    // Only src/main/ipc touches ipcMain, and only the preload touches ipcRenderer.
    files: ['src/main/**'],
    ignores: ['src/main/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Register IPC in src/main/ipc only.',
            },
          ],
          patterns: [
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'main never imports renderer or preload code.',
            },
          ],
        },
      ],
    },
  },
)
