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
    // eventsource-parser ships ES modules only; Node 22+ requires them natively, Jest's module system does not.
    '/node_modules/eventsource-parser/.+\\.js$': [
      'babel-jest',
      { babelrc: false, configFile: false, presets: [require.resolve('@wordpress/babel-preset-default')] },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!eventsource-parser/)'],
  testTimeout: 30000,
  // Every proxy the tests start records its logs and responses; the teardown scans them all for secrets.
  globalSetup: '<rootDir>/tests/setup/secret-scan-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/secret-scan-teardown.ts',
};
