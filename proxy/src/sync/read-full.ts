/**
 * Full read: every published product, page by page in ID order. Once every page
 * up to N is in, shards below its last ID are complete and finalized (uploaded
 * at once when changed). Reading waits while too many finalized shards wait for
 * an upload slot, so memory stays bounded whatever the catalog size.
 */
import type { CatalogItem } from './document';
import { buildItems, finalizeShard } from './build';
import { SyncError } from './errors';
import { readAllPages } from './read';
import type { EngineCore, RunContext } from './run-context';
import { shardKeyOf, shardRange } from './shards';

export async function readFull(core: EngineCore, ctx: RunContext): Promise<void> {
  const { settings } = core;
  const open = new Map<string, CatalogItem[]>();
  const pageMaxId = new Map<number, number>();
  let contiguous = 0;
  let coveredMaxId = 0;
  const finalizeCompleted = () => {
    while (pageMaxId.has(contiguous + 1)) {
      contiguous++;
      coveredMaxId = Math.max(coveredMaxId, pageMaxId.get(contiguous) ?? 0);
      pageMaxId.delete(contiguous);
    }
    for (const [key, items] of [...open])
      if (shardRange(key).end <= coveredMaxId) {
        open.delete(key);
        finalizeShard(ctx, key, items);
      }
  };
  const addItem = (item: CatalogItem) => {
    const key = shardKeyOf(item.id, settings.shardSize);
    const list = open.get(key);
    if (list) list.push(item);
    else if (ctx.builds.has(key))
      throw new SyncError(
        'sync_failed',
        `Product ${item.id} arrived after its shard was complete; WooCommerce did not order pages by ID.`,
        502,
      );
    else open.set(key, [item]);
  };
  const pages = await readAllPages({
    woo: core.deps.woo,
    // Twice the workers, half of them fetching product pages while the others read their page's variations:
    // at most `pageConcurrency` product pages and as many variation requests in flight, never waiting on each other.
    concurrency: settings.pageConcurrency * 2,
    fetchConcurrency: settings.pageConcurrency,
    // A slow page holds back shard completion; the window keeps later pages from piling up behind it.
    window: settings.pageConcurrency * 2,
    status: 'publish',
    ...(settings.perPage ? { perPage: settings.perPage } : {}),
    onPage: async (page, products) => {
      const { keep } = await buildItems(core, ctx, products);
      for (const item of keep) addItem(item);
      pageMaxId.set(
        page,
        products.reduce((max, p) => Math.max(max, p.id), 0),
      );
      finalizeCompleted();
      ctx.request.progress.update({ products_read: ctx.productsRead });
      await ctx.uploader.roomToRead();
    },
    onProgress: (p) => ctx.request.progress.update({ pages_read: p.pagesRead, pages_total: p.pagesTotal }),
  });
  for (const [key, items] of [...open]) {
    open.delete(key);
    finalizeShard(ctx, key, items);
  }
  ctx.request.progress.update({ pages_read: pages.pagesRead, pages_total: pages.pagesTotal });
}
