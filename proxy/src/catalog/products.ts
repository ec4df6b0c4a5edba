import type { ProductCard } from '../contract/events';
import { getJson, type KeyValueStore } from '../store/types';
import { isShopperVisible, toCard } from './cards';
import type { ProductLike, ProductSource, VariationLike } from './types';

export const MAX_PRODUCT_ID = 2_147_483_647;

export interface IdValidation {
  ids: number[];
  /** Why some entries were dropped, for the model's function output. */
  problems: string[];
}

/** The model's arguments are untrusted: keep positive integers, deduplicated, at most `max`. */
export function validateProductIds(args: unknown, max: number): IdValidation {
  const problems: string[] = [];
  const raw = typeof args === 'object' && args !== null ? (args as { product_ids?: unknown }).product_ids : undefined;
  if (!Array.isArray(raw)) return { ids: [], problems: ['product_ids must be an array of integers'] };
  const ids: number[] = [];
  const seen = new Set<number>();
  let invalid = 0;
  for (const value of raw) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_PRODUCT_ID) {
      invalid++;
      continue;
    }
    if (seen.has(value)) continue;
    seen.add(value);
    if (ids.length < max) ids.push(value);
  }
  if (invalid) problems.push(`${invalid} entries were not valid product IDs`);
  if (seen.size > max) problems.push(`only the first ${max} products are shown`);
  return { ids, problems };
}

export interface ProductCards {
  cards: ProductCard[];
  /** IDs that do not exist or are not visible to shoppers. */
  unavailable: number[];
  /** True when WooCommerce could not be reached and some cards come from older cached data. */
  stale: boolean;
}

export interface ProductService {
  getCards(ids: number[]): Promise<ProductCards>;
  /**
   * Drops cached cards (all without `ids`). Remembered variations are kept: the sync
   * that follows a change replaces them, see `rememberVariations`.
   */
  invalidate(ids?: number[]): Promise<void>;
  /**
   * The sync calls this for every variable product whose variations it read, so a
   * card never has to fetch them while the shopper waits. When they changed, the
   * product's cached card is dropped and the next call rebuilds it.
   */
  rememberVariations(productId: number, variations: VariationLike[]): Promise<void>;
}

const HIDDEN = 'hidden';

/** Only what cards use: the stored copy stays small even for products with hundreds of variations. */
function compactVariation(v: VariationLike): VariationLike {
  return {
    id: v.id,
    ...(v.status !== undefined ? { status: v.status } : {}),
    price: v.price,
    regular_price: v.regular_price,
    sale_price: v.sale_price,
    on_sale: v.on_sale,
    stock_status: v.stock_status,
    ...(v.purchasable !== undefined ? { purchasable: v.purchasable } : {}),
    attributes: v.attributes.map((a) => ({ name: a.name, option: a.option })),
  };
}

/**
 * Cards for the IDs the model chose, from WooCommerce data only, at most one
 * WooCommerce request per call: the products come in one batched request, and the
 * variations of variable products from what the sync remembered (see
 * `rememberVariations`). Fresh cards are cached for `ttlSeconds` (0 requests on a
 * hit); a longer-lived copy lets chat keep showing cards, marked stale, while
 * WooCommerce is down.
 *
 * Invalidation keeps remembered variations, on purpose: the sync invalidates the
 * cards it changed when it commits, which may be after it remembered their new
 * variations, so dropping them there would throw away what it had just read and
 * leave variable products without options until the next sync. Between a webhook
 * and its sync (the debounce) a card may offer a variation price that is minutes
 * old next to a live parent price; the cart (Store API) always charges the live one.
 */
export function createProductService(deps: {
  source: ProductSource;
  store: KeyValueStore;
  currency: string;
  allowedHosts: ReadonlySet<string>;
  ttlSeconds: number;
  staleTtlSeconds?: number;
  keyPrefix?: string;
}): ProductService {
  const prefix = deps.keyPrefix ?? 'card:';
  const staleTtlMs = (deps.staleTtlSeconds ?? 7 * 86400) * 1000;
  const ttlMs = deps.ttlSeconds * 1000;
  const freshKey = (id: number) => `${prefix}${id}`;
  const staleKey = (id: number) => `${prefix}stale:${id}`;
  // As long-lived as the stale cards: a store synced daily or weekly keeps its options.
  const variationsKey = (id: number) => `${prefix}variations:${id}`;
  const longLived = [`${prefix}stale:`, `${prefix}variations:`];

  async function readCache(ids: number[], key: (id: number) => string) {
    const found = new Map<number, ProductCard | typeof HIDDEN>();
    const values = await Promise.all(ids.map((id) => deps.store.get(key(id)).catch(() => null)));
    values.forEach((raw, i) => {
      if (raw === null) return;
      try {
        found.set(ids[i]!, raw === HIDDEN ? HIDDEN : (JSON.parse(raw) as ProductCard));
      } catch {
        /* a corrupt entry is a miss */
      }
    });
    return found;
  }

  async function readVariations(id: number): Promise<VariationLike[] | null> {
    // A store error or a corrupt entry is a miss.
    const parsed = await getJson<unknown>(deps.store, variationsKey(id)).catch(() => null);
    return Array.isArray(parsed) ? (parsed as VariationLike[]) : null;
  }

  /** Variations per product, without a WooCommerce request: null when neither the source nor the sync knows them. */
  async function knownVariations(products: ProductLike[]): Promise<Map<number, VariationLike[] | null>> {
    const variable = products.filter((p) => p.type === 'variable');
    const lists = await Promise.all(
      variable.map(async (p) => deps.source.localVariations?.(p.id) ?? (await readVariations(p.id))),
    );
    return new Map(variable.map((p, i) => [p.id, lists[i] ?? null]));
  }

  async function fetchFresh(ids: number[]) {
    const products = (await deps.source.getProductsByIds(ids)).filter(isShopperVisible);
    const variations = await knownVariations(products);
    const cards = new Map<number, ProductCard>();
    for (const product of products) cards.set(product.id, toCard(product, variations.get(product.id) ?? null, deps));
    const writes: Promise<unknown>[] = [];
    for (const id of ids) {
      const card = cards.get(id);
      if (card) {
        const json = JSON.stringify(card);
        if (ttlMs > 0) writes.push(deps.store.set(freshKey(id), json, { ttlMs }));
        writes.push(deps.store.set(staleKey(id), json, { ttlMs: staleTtlMs }));
      } else if (ttlMs > 0) {
        writes.push(deps.store.set(freshKey(id), HIDDEN, { ttlMs }), deps.store.del(staleKey(id)));
      }
    }
    await Promise.allSettled(writes);
    return cards;
  }

  return {
    async getCards(ids) {
      const result = new Map<number, ProductCard>();
      const unavailable: number[] = [];
      let stale = false;
      const cached = ttlMs > 0 ? await readCache(ids, freshKey) : new Map();
      const missing = ids.filter((id) => !cached.has(id));
      for (const [id, value] of cached) if (value !== HIDDEN) result.set(id, value);
      if (missing.length) {
        try {
          const fresh = await fetchFresh(missing);
          for (const [id, card] of fresh) result.set(id, card);
        } catch (error) {
          // WooCommerce is unreachable: fall back to the last known cards, marked stale.
          const old = await readCache(missing, staleKey);
          if (old.size === 0) throw error;
          stale = true;
          for (const [id, value] of old) if (value !== HIDDEN) result.set(id, { ...value, stale: true });
        }
      }
      const cards: ProductCard[] = [];
      for (const id of ids) {
        const card = result.get(id);
        if (card) cards.push(card);
        else unavailable.push(id);
      }
      return { cards, unavailable, stale };
    },
    async invalidate(ids) {
      if (!ids) {
        const keys = await deps.store.keys(prefix);
        await Promise.all(keys.filter((k) => !longLived.some((kept) => k.startsWith(kept))).map((k) => deps.store.del(k)));
        return;
      }
      await Promise.all(ids.map((id) => deps.store.del(freshKey(id))));
    },
    async rememberVariations(productId, variations) {
      const json = JSON.stringify(variations.map(compactVariation));
      const before = await deps.store.get(variationsKey(productId)).catch(() => null);
      await deps.store.set(variationsKey(productId), json, { ttlMs: staleTtlMs });
      // A card built from other (or no) variations would otherwise be served until its TTL ends.
      if (before !== json) await deps.store.del(freshKey(productId));
    },
  };
}
