// Lint for the whole repo: TypeScript rules from typescript-eslint, kept strict on
// things that hide bugs (unused code, floating promises are typechecked elsewhere).
import tseslint from 'typescript-eslint';

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
    files: ['scripts/**', 'bench/**', '**/*.config.js', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
