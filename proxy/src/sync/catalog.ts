/**
 * The last synced catalog as product objects, read back from the shards the
 * sync committed, for the offline catalog search (createCatalogSearch).
 */
import type { KeyValueStore } from '../store/types';
import type { SyncedProduct } from './document';
import { createSyncStateStore } from './state';

export async function readSyncedCatalog(store: KeyValueStore): Promise<SyncedProduct[]> {
  const states = createSyncStateStore(store);
  const state = await states.readState();
  if (!state) return [];
  const products: SyncedProduct[] = [];
  for (const key of Object.keys(state.shards).sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]))) {
    const shard = await states.readShard(key);
    for (const item of shard?.items ?? []) products.push(JSON.parse(item.product) as SyncedProduct);
  }
  return products;
}

/** The committed catalog hash, to let a search index rebuild only when the catalog changed. */
export async function readSyncedCatalogHash(store: KeyValueStore): Promise<string | null> {
  return (await createSyncStateStore(store).readState())?.hash ?? null;
}
