/**
 * Products → catalog items (with their variations), and a complete shard →
 * its hash, handed to the uploader when it changed.
 */
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

async function variationsOf(core: EngineCore, ctx: RunContext, product: WooProduct): Promise<WooVariation[]> {
  if (product.type !== 'variable') return [];
  const variations = await ctx.variationLimit(() => core.deps.woo.listVariations(product.id));
  await shareVariations(core, ctx, product.id, variations);
  return variations;
}

export async function buildItems(core: EngineCore, ctx: RunContext, products: WooProduct[]): Promise<BuiltItems> {
  ctx.language ??= detectLanguage(products.map((p) => p.name));
  const options = {
    labels: labelsFor(ctx.language),
    ...(core.settings.currency ? { currency: core.settings.currency } : {}),
  };
  const keep: CatalogItem[] = [];
  const drop: number[] = [];
  await Promise.all(
    products.map(async (product) => {
      if (!isSearchable(product)) return void drop.push(product.id);
      keep.push(buildCatalogItem(product, await variationsOf(core, ctx, product), options));
    }),
  );
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
