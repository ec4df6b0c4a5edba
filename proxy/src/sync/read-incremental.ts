/**
 * Incremental read: what changed since the last read (modified_after, any
 * status, so products that left the catalog are seen) plus what change notices
 * marked. Only the shards those products fall in are loaded, patched and
 * rehashed; an unchanged hash uploads nothing.
 */
import type { CatalogItem } from './document';
import { buildItems, finalizeShard, type BuiltItems } from './build';
import { SyncError } from './errors';
import { mapLimited } from './limiter';
import { readAllPages } from './read';
import type { EngineCore, RunContext } from './run-context';
import { shardKeyOf } from './shards';
import { SYNC_KEYS, type SyncState } from './state';

/** How far back an incremental run looks past the last read start, for clock skew between us and the store. */
const MODIFIED_AFTER_SKEW_MS = 5 * 60_000;

export async function readIncremental(core: EngineCore, ctx: RunContext): Promise<void> {
  const { deps, settings, states } = core;
  const prior = ctx.state as SyncState;
  const marks = await deps.store.keys(SYNC_KEYS.dirtyPrefix);
  ctx.dirtyMarks = (await Promise.all(marks.map(async (key) => ({ key, value: (await deps.store.get(key)) ?? '' })))).filter(
    (m) => m.value,
  );
  const markedIds = (deleted: boolean) =>
    ctx.dirtyMarks
      .filter((m) => m.value.startsWith('deleted') === deleted)
      .map((m) => Number(m.key.slice(SYNC_KEYS.dirtyPrefix.length)))
      .filter((id) => Number.isInteger(id) && id > 0);
  const upserts = new Map<number, CatalogItem>();
  const removals = new Set<number>(markedIds(true));
  const apply = ({ keep, drop }: BuiltItems) => {
    for (const item of keep) {
      upserts.set(item.id, item);
      removals.delete(item.id);
    }
    for (const id of drop) {
      upserts.delete(id);
      removals.add(id);
    }
  };
  const since = new Date(Date.parse(prior.readStartedAt) - MODIFIED_AFTER_SKEW_MS).toISOString().slice(0, 19);
  await readAllPages({
    woo: deps.woo,
    concurrency: settings.pageConcurrency,
    status: 'any',
    modifiedAfter: since,
    ...(settings.perPage ? { perPage: settings.perPage } : {}),
    onPage: async (_page, products) => apply(await buildItems(core, ctx, products)),
    onProgress: (p) =>
      ctx.request.progress.update({ pages_read: p.pagesRead, pages_total: p.pagesTotal, products_read: ctx.productsRead }),
  });
  const byId = [...new Set(markedIds(false).filter((id) => !upserts.has(id)))];
  const batches: number[][] = [];
  for (let i = 0; i < byId.length; i += 100) batches.push(byId.slice(i, i + 100));
  await mapLimited(batches, settings.pageConcurrency, async (ids) => {
    const found = await deps.woo.getProductsByIds(ids);
    apply(await buildItems(core, ctx, found));
    // Asked for and not returned: deleted (or trashed) in WooCommerce.
    const seen = new Set(found.map((p) => p.id));
    for (const id of ids) if (!seen.has(id)) apply({ keep: [], drop: [id] });
  });

  for (const [key, shard] of Object.entries(prior.shards)) ctx.builds.set(key, { hash: shard.hash, count: shard.count });
  const touchedIds = [...upserts.keys(), ...removals];
  const touched = new Set(touchedIds.map((id) => shardKeyOf(id, settings.shardSize)));
  for (const key of touched) {
    const inShard = (id: number) => shardKeyOf(id, settings.shardSize) === key;
    const committed = ctx.committed[key];
    const stored = committed ? await states.readShard(key, committed.hash) : null;
    if (committed && !stored)
      throw new SyncError('sync_failed', `The stored entries of shard ${key} are missing; run a full sync.`, 500);
    const items = new Map((stored?.items ?? []).map((i) => [i.id, i] as const));
    for (const id of removals) if (inShard(id)) items.delete(id);
    for (const [id, item] of upserts) if (inShard(id)) items.set(id, item);
    const hashBefore = committed?.hash;
    finalizeShard(ctx, key, [...items.values()]);
    if (ctx.builds.get(key)?.hash !== hashBefore) for (const id of touchedIds) if (inShard(id)) ctx.changed.add(id);
  }
  ctx.request.progress.update({ products_read: ctx.productsRead });
}
