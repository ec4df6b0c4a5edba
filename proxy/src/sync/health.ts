/**
 * Is the synced catalog there? The stored state says which files the last sync
 * committed; the vector store at OpenAI says which it still serves. Cheap: one
 * retrieve and the file list (100 per page).
 */
import type { KeyValueStore } from '../store/types';
import { createSyncStateStore, SYNC_KEYS } from './state';
import type { VectorStoreOps } from './vector-store';

export interface CatalogHealth {
  /**
   * ok: the vector store serves every file of the last sync. not_synced: no sync has finished yet (or the
   * store set for this shop is not the one synced to). missing: the vector store or some of its files are
   * gone at OpenAI; the next sync uploads them again.
   */
  state: 'ok' | 'not_synced' | 'missing';
  /** Products in the last committed sync; null before the first. */
  products: number | null;
  /** When the last successful sync finished (ISO); null before the first. */
  last_sync_at: string | null;
  /** When the last change notice arrived (ISO); null when none has. */
  last_change_at: string | null;
}

export interface CatalogHealthDeps {
  store: KeyValueStore;
  vectorStore: Pick<VectorStoreOps, 'servedFiles'>;
  /** The vector store set for this store, when one is; a state synced to another one does not count. */
  vectorStoreId?: string;
}

export async function catalogHealth(deps: CatalogHealthDeps): Promise<CatalogHealth> {
  const [state, lastChangeAt] = await Promise.all([
    createSyncStateStore(deps.store).readState(),
    deps.store.get(SYNC_KEYS.lastChangeAt),
  ]);
  const base = { last_change_at: lastChangeAt };
  if (!state || (deps.vectorStoreId && deps.vectorStoreId !== state.vectorStoreId))
    return { state: 'not_synced', products: null, last_sync_at: null, ...base };
  const found = { products: state.productsCount, last_sync_at: state.finishedAt, ...base };
  const served = await deps.vectorStore.servedFiles(state.vectorStoreId);
  const whole = served !== null && Object.values(state.shards).every((shard) => served.has(shard.fileId));
  return { state: whole ? 'ok' : 'missing', ...found };
}
