// Lint for the whole repo: TypeScript rules from typescript-eslint, kept strict on
// things that hide bugs (unused code, floating promises are typechecked elsewhere).
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// Layers of the proxy below the composition root: they never import `app/` (docs/architecture.md).
const LAYERS_BELOW_APP = [
  'admin',
  'catalog',
  'chat',
  'config',
  'contract',
  'demo',
  'guard',
  'health',
  'http',
  'logging',
  'maintenance',
  'metrics',
  'openai',
  'search',
  'session',
  'store',
  'sync',
  'tenants',
  'woo',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'proxy/dist/**',
      'proxy/static/**',
      'plugin/build/**',
      'plugin/vendor/**',
      'dist/**',
      'coverage/**',
      'test-artifacts/**',
      '**/*.min.js',
      '.aisle-data/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The widget uses the classic JSX runtime (`@jsx createElement` pragma), which this rule cannot see.
    files: ['widget-src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^(_|createElement$)', caughtErrors: 'none' },
      ],
    },
  },
  {
    // No import cycles in the shipped code.
    files: ['proxy/src/**/*.ts', 'widget-src/**/*.{ts,tsx}'],
    ignores: ['widget-src/tests/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: LAYERS_BELOW_APP.map((layer) => `proxy/src/${layer}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '(^|/)app(/|$)', message: 'Only the composition root (app/) wires layers; import downwards.' }],
        },
      ],
    },
  },
  {
    // The browser contract is the one thing proxy and widget share: it stands alone.
    files: ['proxy/src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '.', message: 'contract/ imports nothing.' }] }],
    },
  },
  {
    // The widget may use the proxy's contract and nothing else of the proxy.
    files: ['widget-src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)proxy/(?!src/contract/[^/]+$)',
              message: 'The widget imports only proxy/src/contract/* from the proxy.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', '**/*.config.js', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
