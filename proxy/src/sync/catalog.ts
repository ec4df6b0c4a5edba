/**
 * The last synced catalog as product objects, read back from the shards the
 * sync committed, for the offline catalog search (createCatalogSearch).
 */
import type { KeyValueStore } from '../store/types';
import type { SyncedProduct } from './document';
import { createSyncStateStore, type SyncState, type SyncStateStore } from './state';

/** Reads of a state whose shard items a concurrent commit has just pruned are retried this many times. */
const STALE_STATE_RETRIES = 3;

export async function readSyncedCatalog(store: KeyValueStore): Promise<SyncedProduct[]> {
  const states = createSyncStateStore(store);
  for (let attempt = 1; ; attempt++) {
    const state = await states.readState();
    if (!state) return [];
    const { products, complete } = await readShards(states, state);
    // A sync committed between reading the state and its shards (and pruned the old items): read the new state.
    if (complete || attempt >= STALE_STATE_RETRIES) return products;
  }
}

/** The products of every committed shard whose items are in the store. */
async function readShards(states: SyncStateStore, state: SyncState): Promise<{ products: SyncedProduct[]; complete: boolean }> {
  const products: SyncedProduct[] = [];
  let complete = true;
  for (const key of Object.keys(state.shards).sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]))) {
    const shard = await states.readShard(key, state.shards[key]!.hash);
    if (!shard) complete = false;
    for (const item of shard?.items ?? []) products.push(JSON.parse(item.product) as SyncedProduct);
  }
  return { products, complete };
}

/** The committed catalog hash, to let a search index rebuild only when the catalog changed. */
export async function readSyncedCatalogHash(store: KeyValueStore): Promise<string | null> {
  return (await createSyncStateStore(store).readState())?.hash ?? null;
}
