import type { ProductCard } from '../contract/events';
import type { KeyValueStore } from '../store/types';
import { isShopperVisible, toCard } from './cards';
import type { ProductSource } from './types';

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
  invalidate(ids?: number[]): Promise<void>;
}

const HIDDEN = 'hidden';

/**
 * Cards for the IDs the model chose, from WooCommerce data only. Fresh cards are
 * cached for `ttlSeconds` (0 WooCommerce requests on a hit); a longer-lived copy
 * lets chat keep showing cards, marked stale, while WooCommerce is down.
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

  async function fetchFresh(ids: number[]) {
    const products = await deps.source.getProductsByIds(ids);
    const byId = new Map(products.filter(isShopperVisible).map((p) => [p.id, p]));
    const cards = new Map<number, ProductCard>();
    await Promise.all(
      [...byId.values()].map(async (product) => {
        const variations = product.type === 'variable' ? await deps.source.listVariations(product.id) : [];
        cards.set(product.id, toCard(product, variations, deps));
      }),
    );
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
        await Promise.all(keys.filter((k) => !k.startsWith(`${prefix}stale:`)).map((k) => deps.store.del(k)));
        return;
      }
      await Promise.all(ids.map((id) => deps.store.del(freshKey(id))));
    },
  };
}
