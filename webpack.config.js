/**
 * Two builds of the chat widget from one source (widget-src/), both extending
 * @wordpress/scripts' config:
 *
 * - plugin:     plugin/build/index.js + index.asset.php + lazy chunks. React and the WordPress
 *               packages are externals (wp.element, wp.i18n, wp.apiFetch); JSX uses the classic
 *               runtime so WordPress 6.1 (no react-jsx-runtime handle) works. The Hebrew
 *               strings are emitted as a WordPress script-translation file.
 * - standalone: proxy/static/widget.js, a tiny loader with everything bundled; the panel is a
 *               lazy chunk beside it. `publicPath: 'auto'` loads chunks relative to the
 *               loader's own URL, so `<script src="https://proxy/widget.js">` just works.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const defaultConfig = require('@wordpress/scripts/config/webpack.config');
const DependencyExtractionWebpackPlugin = require('@wordpress/dependency-extraction-webpack-plugin');
const babelOptions = require('./widget-src/babel.options.js');

const WIDGET_SRC = path.resolve(__dirname, 'widget-src');
const PLUGIN_BUILD = path.resolve(__dirname, 'plugin/build');
const STANDALONE_BUILD = path.resolve(__dirname, 'proxy/static');
/** Path of the plugin's script relative to the plugin root: WordPress hashes it to name translation files. */
const PLUGIN_SCRIPT_RELATIVE_PATH = 'build/index.js';
const TRANSLATIONS = [{ locale: 'he_IL', file: path.join(WIDGET_SRC, 'i18n/he_IL.json') }];

const webpack = require(require.resolve('webpack', { paths: [require.resolve('@wordpress/scripts/package.json')] }));

/** The default rules, with our Babel options (classic JSX runtime) on the script rule. */
function widgetRules() {
  return defaultConfig.module.rules.map((rule) => {
    const usesBabel = Array.isArray(rule.use) && rule.use.some((u) => String(u.loader).includes('babel-loader'));
    if (!usesBabel) {
      return rule;
    }
    return {
      ...rule,
      use: [
        {
          loader: require.resolve('babel-loader'),
          options: { ...babelOptions, cacheDirectory: process.env.BABEL_CACHE_DIRECTORY || true },
        },
      ],
    };
  });
}

/**
 * Fresh instances of the default plugins we keep (one instance per compiler). Dropped: the
 * block.json/PHP copiers (no blocks here), RTL CSS (the styles use logical properties) and the
 * dependency extraction, which only the plugin build wants.
 */
function basePlugins() {
  const kept = [];
  for (const plugin of defaultConfig.plugins) {
    const name = plugin.constructor.name;
    if (name === 'MiniCssExtractPlugin') {
      kept.push(
        new plugin.constructor({ ...plugin.options, filename: '[name].css', chunkFilename: '[name].css?ver=[contenthash]' }),
      );
    } else if (name === 'DefinePlugin') {
      kept.push(new webpack.DefinePlugin(plugin.definitions));
    }
  }
  return kept;
}

/** Writes `languages/aisle-<locale>-<md5>.json`, the file `wp_set_script_translations()` looks for. */
class WordPressScriptTranslationsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('WordPressScriptTranslationsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'WordPressScriptTranslationsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const md5 = crypto.createHash('md5').update(PLUGIN_SCRIPT_RELATIVE_PATH).digest('hex');
          for (const { locale, file } of TRANSLATIONS) {
            compilation.fileDependencies.add(file);
            const json = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
            compilation.emitAsset(`languages/aisle-${locale}-${md5}.json`, new webpack.sources.RawSource(json));
          }
        },
      );
    });
  }
}

const shared = {
  ...defaultConfig,
  module: { ...defaultConfig.module, rules: widgetRules() },
  resolve: { ...defaultConfig.resolve, extensions: ['.ts', '.tsx', '...'] },
  performance: { hints: false },
  optimization: {
    ...defaultConfig.optimization,
    splitChunks: {
      ...defaultConfig.optimization.splitChunks,
      // One lazy panel chunk (its libraries included) instead of a numbered vendors chunk.
      cacheGroups: { ...defaultConfig.optimization.splitChunks.cacheGroups, defaultVendors: false },
    },
  },
};

const pluginBuild = {
  ...shared,
  name: 'plugin',
  entry: { index: path.join(WIDGET_SRC, 'index.ts') },
  output: {
    ...defaultConfig.output,
    path: PLUGIN_BUILD,
    filename: '[name].js',
    chunkFilename: '[name].js?ver=[contenthash]',
    publicPath: 'auto',
    clean: true,
  },
  plugins: [...basePlugins(), new DependencyExtractionWebpackPlugin(), new WordPressScriptTranslationsPlugin()],
};

const standaloneBuild = {
  ...shared,
  name: 'standalone',
  entry: { widget: path.join(WIDGET_SRC, 'standalone.ts') },
  output: {
    ...defaultConfig.output,
    path: STANDALONE_BUILD,
    filename: '[name].js',
    chunkFilename: '[name].js?ver=[contenthash]',
    publicPath: 'auto',
    // proxy/static may hold other files (a demo page): only scripts and styles are this build's.
    clean: { keep: (file) => !/\.(js|css|map|txt)$/.test(file) },
  },
  plugins: basePlugins(),
};

module.exports = [pluginBuild, standaloneBuild];
