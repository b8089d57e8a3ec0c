// Lint rules that keep the architecture honest (docs/architecture.md, Processes and boundaries):
// shared/ imports nothing of ours and no platform; renderer/ reaches the engine only through shared/;
// only main/electron/ may import the electron runtime; SQL is prepared only in main/store/.
// Layering between the folders of main/ is checked by scripts/check-layers.ts (also in `npm run lint`), which
// resolves imports to files: a path pattern here cannot tell main/api from shared/api.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'net', 'stream', 'zlib', 'url', 'util'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', 'docs/**', 'scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/electron may import electron (use `import type` elsewhere).', allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is platform-free.' }],
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '../main', '../renderer'], message: 'shared/ imports nothing of ours outside shared/.' },
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node.' },
            { group: ['react', 'react-dom', 'better-sqlite3'], message: 'shared/ is pure TypeScript: no platform libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the engine only through the API contract.' }],
          patterns: [
            { group: ['**/main/**', '../main', '../../main'], message: 'The renderer imports only shared/.' },
            { group: [...nodeBuiltins, 'better-sqlite3'], message: 'The renderer runs sandboxed: no Node.' },
          ],
        },
      ],
    },
  },
  {
    // The case file has one door: SQL is prepared in main/store/ (typed readers and writers per table family).
    files: ['main/**'],
    ignores: ['main/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='prepare']",
          message: 'Prepare SQL in main/store/ (the case file has one door): add or use a typed function there.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron may import electron (use `import type` elsewhere).', allowTypeImports: true }],
          patterns: [
            {
              group: ['**/store/statement-cache.ts'],
              message: 'Statements are prepared in main/store/ only: call a typed function of a store module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
