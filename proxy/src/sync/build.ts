/**
 * Products → catalog items (with their variations), and a complete shard →
 * its hash, handed to the uploader when it changed.
 */
import { isNoRoute } from '../woo/errors';
import type { WooProduct, WooVariation } from '../woo/schemas';
import { buildCatalogItem, type CatalogItem } from './document';
import { detectLanguage, labelsFor } from './labels';
import type { EngineCore, RunContext } from './run-context';
import { shardHash } from './shards';
import { isSearchable } from './visibility';

export interface BuiltItems {
  keep: CatalogItem[];
  drop: number[];
}

/** Hands fetched variations to the card cache without waiting for it (unless too many calls are in flight). */
export async function shareVariations(
  core: EngineCore,
  ctx: RunContext,
  productId: number,
  variations: WooVariation[],
): Promise<void> {
  const remember = core.deps.products?.rememberVariations?.bind(core.deps.products);
  if (remember) await ctx.remember.call(() => remember(productId, variations));
}

/**
 * The variations of a page's variable products: one paged request for the whole page
 * (`GET /variations?parent=…`), or one per product on stores without that route.
 */
async function variationsOf(core: EngineCore, ctx: RunContext, products: WooProduct[]): Promise<Map<number, WooVariation[]>> {
  const ids = products.filter((p) => p.type === 'variable').map((p) => p.id);
  if (ids.length === 0) return new Map();
  const { woo } = core.deps;
  let byParent: Map<number, WooVariation[]> | null = null;
  if (ctx.bulkVariations) {
    try {
      byParent = await ctx.variationLimit(() => woo.listVariationsOfProducts(ids));
    } catch (error) {
      if (!isNoRoute(error)) throw error;
      if (ctx.bulkVariations)
        core.logger.info({}, 'the store has no /variations route (WooCommerce before 10.3): reading variations per product');
      ctx.bulkVariations = false;
    }
  }
  byParent ??= new Map(
    await Promise.all(ids.map(async (id) => [id, await ctx.variationLimit(() => woo.listVariations(id))] as const)),
  );
  await Promise.all(ids.map((id) => shareVariations(core, ctx, id, byParent.get(id) ?? [])));
  return byParent;
}

export async function buildItems(core: EngineCore, ctx: RunContext, products: WooProduct[]): Promise<BuiltItems> {
  ctx.language ??= detectLanguage(products.map((p) => p.name));
  const options = {
    labels: labelsFor(ctx.language),
    ...(core.settings.currency ? { currency: core.settings.currency } : {}),
  };
  const keep: CatalogItem[] = [];
  const drop: number[] = [];
  const searchable = products.filter((product) => {
    if (isSearchable(product)) return true;
    drop.push(product.id);
    return false;
  });
  const variations = await variationsOf(core, ctx, searchable);
  for (const product of searchable) keep.push(buildCatalogItem(product, variations.get(product.id) ?? [], options));
  ctx.productsRead += products.length;
  return { keep, drop };
}

/**
 * Hashes a complete shard. A changed one is handed to the uploader (which keeps its items only until
 * the upload ends); an unchanged one is reduced to its hash at once.
 */
export function finalizeShard(ctx: RunContext, key: string, items: CatalogItem[]): void {
  const hash = shardHash(items, ctx.language ?? 'en');
  ctx.builds.set(key, { hash, count: items.length });
  if (items.length > 0 && ctx.committed[key]?.hash !== hash) {
    ctx.uploader.enqueue({ key, hash, items });
    ctx.request.progress.update({ shards_to_upload: ctx.uploader.queued });
  }
}
