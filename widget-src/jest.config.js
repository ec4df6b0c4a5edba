/** The widget's Jest project: jsdom, Babel with the same options as the webpack build. */
const babelOptions = require('./babel.options.js');

module.exports = {
  displayName: 'widget',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>'],
  testMatch: ['<rootDir>/tests/**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/tests/setup/polyfills.ts'],
  moduleNameMapper: { '\\.css$': '<rootDir>/tests/setup/styleStub.js' },
  transform: {
    '^.+\\.[cm]?[jt]sx?$': ['babel-jest', babelOptions],
  },
  // eventsource-parser and marked ship ESM only; Babel turns them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(eventsource-parser|marked)/)'],
  testTimeout: 10000,
};
