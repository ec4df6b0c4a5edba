/** Proxy, fakes and integration tests: Node environment, TypeScript through ts-jest. */
module.exports = {
  displayName: 'proxy',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/widget/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testTimeout: 30000,
  // Every proxy the tests start records its logs and responses; the teardown scans them all for secrets.
  globalSetup: '<rootDir>/tests/setup/secret-scan-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/secret-scan-teardown.ts',
};
