/** The fake store's data with the indexes its routes need. */
import type { RawWooCategory, RawWooProduct, RawWooVariation } from './types';

export interface StoreData {
  products: RawWooProduct[];
  byId: Map<number, RawWooProduct>;
  variations: Record<number, RawWooVariation[]>;
  /** Variation id → variation, for the Store API (a variation id can be added to the cart directly). */
  variationById: Map<number, RawWooVariation>;
  categories: RawWooCategory[];
  /** Filtered and sorted product lists per query, so paging through 100,000 products stays fast. */
  listCache: Map<string, RawWooProduct[]>;
}

export function buildStoreData(
  products: RawWooProduct[],
  variations: Record<number, RawWooVariation[]>,
  categories: RawWooCategory[],
): StoreData {
  const variationById = new Map<number, RawWooVariation>();
  for (const list of Object.values(variations)) for (const v of list) variationById.set(v.id, v);
  return {
    products,
    byId: new Map(products.map((p) => [p.id, p])),
    variations,
    variationById,
    categories,
    listCache: new Map(),
  };
}
