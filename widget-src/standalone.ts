/**
 * Entry of the standalone bundle (`proxy/static/widget.js`): everything is bundled, and since
 * no WordPress loads translations here, the page language's strings are fetched as a small
 * chunk of their own before the launcher shows (English pages fetch none).
 */
import { __, setLocaleData } from '@wordpress/i18n';
import { bootWidget } from './boot';
import type { JedTranslationFile } from './i18n/localeData';
import { localeDataOf } from './i18n/localeData';
import { shippedLocaleFor } from './i18n/locales';

bootWidget({
  loadPanel: () => import(/* webpackChunkName: "aisle-panel" */ './panel'),
  translate: (text, domain) => __(text, domain),
  async prepare(config) {
    const locale = shippedLocaleFor(config.locale);
    if (locale) {
      const file = (await import(/* webpackChunkName: "aisle-i18n-[request]" */ `./i18n/${locale}.json`)) as {
        default: JedTranslationFile;
      };
      setLocaleData(localeDataOf(file.default), 'aisle');
    }
  },
});
