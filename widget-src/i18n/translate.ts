/**
 * The loader's translate function. The plugin's loader must not depend on `wp-i18n`: on
 * WordPress 6.1 that handle pulls `wp-hooks`, `wp-polyfill` and `regenerator-runtime` onto every
 * product page (about 14 KB gzip, near the whole page-load budget) for two launcher labels. So
 * the loader takes its strings as plain Jed messages from `window.AisleConfig.loaderStrings`,
 * which the plugin fills from the same translation file WordPress would load.
 */
export type Translate = (text: string, domain: 'aisle') => string;

export type JedMessages = Record<string, unknown>;

export function translatorFrom(messages: JedMessages | null | undefined): Translate {
  return (text) => {
    const translated = messages?.[text];
    return Array.isArray(translated) && typeof translated[0] === 'string' && translated[0] !== '' ? translated[0] : text;
  };
}
