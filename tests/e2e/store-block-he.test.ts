/**
 * The store journey (tests/e2e/store/journey.ts) on WordPress's default block theme, Twenty
 * Twenty-Five, with the site in Hebrew: right to left, WooCommerce's block templates, the
 * Interactivity API mini-cart and the Store API checkout block. The owner changes a price.
 */
import { storeJourney } from './store/journey';

jest.setTimeout(120_000);

storeJourney({ theme: 'block', locale: 'he_IL', shots: 'store-block-he', change: 'price' });
