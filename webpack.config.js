/**
 * Two builds of the chat widget from one source (widget-src/), both extending
 * @wordpress/scripts' config:
 *
 * - plugin:     plugin/build/index.js (the loader, needing only wp.i18n), panel.js (the chat) and
 *               insights.js (the wp-admin Insights screen), each with its .asset.php. React and the WordPress packages are externals
 *               (wp.element, wp.i18n, wp.apiFetch); the plugin prints panel.js and its
 *               dependencies into a deferred holder that the loader runs on first open. JSX uses
 *               the classic runtime so WordPress 6.1 (no react-jsx-runtime handle) works. The
 *               Hebrew strings are emitted as WordPress script-translation files, one per script.
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
/** The plugin's scripts, relative to the plugin root: WordPress hashes these paths to name translation files. */
const PLUGIN_SCRIPTS = { index: 'build/index.js', panel: 'build/panel.js', insights: 'build/insights.js' };
/** Scripts whose translation file holds only the strings their code uses (see onlyStringsUsedBy). */
const TRIMMED_TRANSLATIONS = new Set(['index', 'insights']);
/** Every widget translation (`widget-src/i18n/<locale>.json`), emitted for WordPress per script. */
const TRANSLATIONS = fs
  .readdirSync(path.join(WIDGET_SRC, 'i18n'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ locale: file.replace(/\.json$/, ''), file: path.join(WIDGET_SRC, 'i18n', file) }));

const webpack = require(require.resolve('webpack', { paths: [require.resolve('@wordpress/scripts/package.json')] }));

/**
 * Every selector of the shopper-facing styles (not wp-admin's) gets `:root:not(#aisle-guard)`
 * in front. It matches what it matched before, one ID heavier: themes style bare elements with
 * selectors like `button:not(:hover):not(:active):not(.has-background)` (Twenty Twenty-One,
 * specificity 0,3,1), which beat the widget's one-class rules.
 */
const THEME_GUARD = ':root:not(#aisle-guard)';
const themeGuard = require('postcss-prefix-selector')({
  prefix: THEME_GUARD,
  ignoreFiles: [path.join(WIDGET_SRC, 'admin')],
});

/** A postcss-loader step with the theme guard first among its plugins. */
function withThemeGuard(use) {
  if (!String(use.loader).includes('postcss-loader')) {
    return use;
  }
  const postcssOptions = use.options?.postcssOptions ?? {};
  return {
    ...use,
    options: { ...use.options, postcssOptions: { ...postcssOptions, plugins: [themeGuard, ...(postcssOptions.plugins ?? [])] } },
  };
}

/** The default rules, with our Babel options (classic JSX runtime) on the script rule and the theme guard on styles. */
function widgetRules() {
  return defaultConfig.module.rules.map((rule) => {
    const usesBabel = Array.isArray(rule.use) && rule.use.some((u) => String(u.loader).includes('babel-loader'));
    if (!usesBabel) {
      return Array.isArray(rule.use) ? { ...rule, use: rule.use.map(withThemeGuard) } : rule;
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

/**
 * WordPress prints a script's translations inline before it, on page load for the loader, so the
 * loader's file keeps only the strings its code contains (a handful, not the whole widget's). A
 * msgid counts as used when it appears in the minified code as a string literal. The panel's file
 * keeps everything: it only loads when the chat opens.
 */
function onlyStringsUsedBy(jed, code) {
  const messages = jed.locale_data.messages;
  const used = Object.fromEntries(
    Object.entries(messages).filter(
      ([msgid]) => msgid === '' || [JSON.stringify(msgid), `'${msgid.replace(/'/g, "\\'")}'`].some((q) => code.includes(q)),
    ),
  );
  return { ...jed, locale_data: { ...jed.locale_data, messages: used } };
}

/** Writes `languages/aisle-<locale>-<md5>.json`, the file `wp_set_script_translations()` looks for. */
class WordPressScriptTranslationsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('WordPressScriptTranslationsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minification, so the used-strings filter reads the final code.
        { name: 'WordPressScriptTranslationsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ANALYSE },
        () => {
          for (const [entry, relativePath] of Object.entries(PLUGIN_SCRIPTS)) {
            const md5 = crypto.createHash('md5').update(relativePath).digest('hex');
            const code = compilation.getAsset(`${entry}.js`)?.source.source().toString() ?? '';
            for (const { locale, file } of TRANSLATIONS) {
              compilation.fileDependencies.add(file);
              const jed = JSON.parse(fs.readFileSync(file, 'utf8'));
              const json = TRIMMED_TRANSLATIONS.has(entry) ? onlyStringsUsedBy(jed, code) : jed;
              compilation.emitAsset(`languages/aisle-${locale}-${md5}.json`, new webpack.sources.RawSource(JSON.stringify(json)));
            }
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
  entry: {
    index: path.join(WIDGET_SRC, 'index.ts'),
    panel: path.join(WIDGET_SRC, 'plugin-panel.ts'),
    // The wp-admin Insights screen (WordPress's own wp-components, wp-element, wp-i18n, wp-api-fetch).
    insights: path.join(WIDGET_SRC, 'admin/insights/index.tsx'),
  },
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
