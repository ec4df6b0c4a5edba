/**
 * Entry of the standalone bundle (`proxy/static/widget.js`): everything is bundled, and since
 * no WordPress loads translations here, the Hebrew strings are embedded and set directly.
 */
import { __, setLocaleData } from '@wordpress/i18n';
import { bootWidget } from './boot';
import { languageOf } from './config/locale';
import heIL from './i18n/he_IL.json';
import { localeDataOf } from './i18n/localeData';

bootWidget({
  loadPanel: () => import(/* webpackChunkName: "aisle-panel" */ './panel'),
  translate: (text, domain) => __(text, domain),
  prepare(config) {
    if (languageOf(config.locale) === 'he') {
      setLocaleData(localeDataOf(heIL), 'aisle');
    }
  },
});
