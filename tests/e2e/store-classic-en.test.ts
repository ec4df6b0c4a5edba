/**
 * The store journey (tests/e2e/store/journey.ts) on a classic theme, Twenty Twenty-One, with the
 * site in English: left to right, WooCommerce's PHP templates, the cart widget refreshed through
 * cart fragments and the shortcode checkout. The owner changes a product's stock. Then the
 * plugin's life cycle on the same site: bad input is refused and kept out, and deactivating and
 * deleting the plugin revoke its WooCommerce key and forget the store on the proxy.
 */
import { pluginLifecycle } from './store/lifecycle';
import { storeJourney } from './store/journey';

jest.setTimeout(120_000);

const journey = storeJourney({ theme: 'classic', locale: 'en_US', shots: 'store-classic-en', change: 'stock' });
pluginLifecycle(journey.state);
