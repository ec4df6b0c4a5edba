/** WooCommerce REST client: see client.ts. */
export { createWooClient, restRoot, WOO_MAX_PER_PAGE } from './client';
export type {
  WooClient,
  WooClientConfig,
  WooClientStats,
  ListProductsParams,
  ProductPage,
  WooLogger,
  WooProductOrderBy,
} from './client';
export { WooError, isWooError, isNoRoute, redactUrl } from './errors';
export type { WooErrorKind } from './errors';
export { signRequest, resolveAuthMode, rfc3986 } from './auth';
export type { WooAuthMode, WooCredentials, SignOptions } from './auth';
export { wooProductSchema, wooVariationSchema } from './schemas';
export type { WooProduct, WooVariation, WooTerm, WooImage, WooProductAttribute, WooVariationAttribute } from './schemas';
export type { WooOrder, WooOrderReader } from './orders';
