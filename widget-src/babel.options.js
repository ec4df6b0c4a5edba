/**
 * Babel options shared by the webpack builds and the widget's Jest project.
 *
 * `@wordpress/babel-preset-default` compiles JSX with React's automatic runtime, which makes the
 * plugin build depend on the `react-jsx-runtime` script handle. WordPress 6.1 (React 17) has no
 * such handle, so the widget uses the classic runtime with `createElement` from `@wordpress/element`:
 * every .tsx file imports `createElement` (and `Fragment` when it uses `<>`). Plugins run before
 * presets, so this classic transform handles every JSX node before the preset's automatic one.
 *
 * Each .tsx file also starts with `/** @jsxRuntime classic *\/` and `/** @jsx createElement *\/` comments: the preset's TypeScript
 * plugin drops imports it thinks unused, and only that comment tells it `createElement` is used
 * by JSX (tests/jsxPragma.test.ts checks every file has it).
 */
module.exports = {
  babelrc: false,
  configFile: false,
  presets: [require.resolve('@wordpress/babel-preset-default')],
  plugins: [
    [
      require.resolve('@babel/plugin-transform-react-jsx'),
      { runtime: 'classic', pragma: 'createElement', pragmaFrag: 'Fragment', throwIfNamespace: true },
    ],
  ],
};
