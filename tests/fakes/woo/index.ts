/** Fake WooCommerce store and catalog generator for tests and benchmarks. */
export { startFakeWoo, randomWooKeys, HTML_BLOCK_PAGE } from './server';
export type { FakeWoo, FakeWooOptions, FakeFault, FaultMatch, FakeRequestLog } from './server';
export { buildCatalog, priceHtml, priceRangeHtml } from './catalog';
export type { Catalog, CatalogOptions } from './catalog';
export type { RawWooProduct, RawWooVariation, RawWooCategory, RawTerm, RawImage, WpError } from './types';
export { buildOrder, ORDER_PII } from './orders';
export type { FakeOrderInput, FakeOrderLine, RawWooOrder } from './orders';
