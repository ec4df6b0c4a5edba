/**
 * Entry of the standalone bundle (`proxy/static/widget.js`). No WordPress loads translations
 * here: the launcher's labels are embedded for every shipped language, and the page language's
 * full strings are a small chunk fetched with the panel (English pages fetch none).
 */
import { __, setLocaleData } from '@wordpress/i18n';
import { bootWidget } from './boot';
import { LAUNCHER_LABELS, type LauncherLabel } from './i18n/launcherLabels';
import { localeDataOf, type JedTranslationFile } from './i18n/localeData';
import { shippedLocaleFor, type ShippedLocale } from './i18n/locales';

let locale: ShippedLocale | null = null;
let translations: Promise<void> | null = null;

/** Once per page; a failed fetch leaves the panel in English rather than absent. */
function loadTranslations(): Promise<void> {
  translations ??= locale
    ? import(/* webpackChunkName: "aisle-i18n-[request]" */ `./i18n/${locale}.json`).then(
        (file: { default: JedTranslationFile }) => setLocaleData(localeDataOf(file.default), 'aisle'),
        () => undefined,
      )
    : Promise.resolve();
  return translations;
}

bootWidget({
  loadPanel: async () => {
    const [panel] = await Promise.all([import(/* webpackChunkName: "aisle-panel" */ './panel'), loadTranslations()]);
    return panel;
  },
  translate: (text, domain) => (locale ? LAUNCHER_LABELS[locale][text as LauncherLabel] : undefined) ?? __(text, domain),
  prepare(config) {
    locale = shippedLocaleFor(config.locale);
  },
});
