/**
 * Entry of the WordPress plugin build (`plugin/build/index.js`): the loader only, with no
 * WordPress dependency. Its two labels come translated in `window.AisleConfig.loaderStrings`
 * (see `i18n/translate.ts`). The panel and its dependencies (React, `wp.element`, `wp.i18n`,
 * `wp.apiFetch`, the Hebrew strings) are deferred: see `plugin/loadPluginPanel.ts`.
 */
import { bootWidget } from './boot';
import { translatorFrom } from './i18n/translate';
import { loadPluginPanel, prefetchPluginPanel } from './plugin/loadPluginPanel';

bootWidget({
  loadPanel: () => loadPluginPanel(window),
  warmPanel: () => prefetchPluginPanel(window),
  translate: translatorFrom(window.AisleConfig?.loaderStrings),
});
