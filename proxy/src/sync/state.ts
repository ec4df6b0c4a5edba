/**
 * What sync keeps in the store. Only the lock holder writes, so plain
 * read-modify-write is safe. The committed state is one key written last: a
 * run that fails before it leaves the previous state (and its hash) in place.
 */
import type { KeyValueStore } from '../store/types';
import { getJson, setJson } from '../store/types';
import type { LabelLanguage } from './labels';
import { createLimiter } from './limiter';

/** Read by chat (compose.ts) when OPENAI_VECTOR_STORE_ID is unset. Same value as VECTOR_STORE_KEY there. */
export const VECTOR_STORE_KEY = 'catalog:vector_store_id';

export const SYNC_KEYS = {
  state: 'sync:state',
  shardPrefix: 'sync:shard:',
  pendingFiles: 'sync:pending_files',
  lock: 'sync:lock',
  progress: 'sync:progress',
  lastResult: 'sync:last_result',
  dirtyPrefix: 'sync:dirty:',
} as const;

export interface CommittedShard {
  hash: string;
  /** OpenAI file id of the uploaded shard document. */
  fileId: string;
  count: number;
}

export interface SyncState {
  hash: string;
  vectorStoreId: string;
  language: LabelLanguage;
  shardSize: number;
  shards: Record<string, CommittedShard>;
  productsCount: number;
  /** ISO time the last successful sync started reading; the next incremental run asks for changes after it. */
  readStartedAt: string;
  finishedAt: string;
}

/** A shard's entries and compact products, as committed. */
export interface StoredShard {
  hash: string;
  items: Array<{ id: number; text: string; product: string }>;
}

/** Files uploaded by a run and not yet committed or removed; the next run deletes the ones no state refers to. */
export interface PendingFile {
  fileId: string;
  shard: string;
  vectorStoreId?: string;
  at: string;
}

export function createSyncStateStore(store: KeyValueStore) {
  // Uploads run in parallel; the pending list's read-modify-write must not interleave.
  const serial = createLimiter(1);
  return {
    readState: () => getJson<SyncState>(store, SYNC_KEYS.state),
    writeState: (state: SyncState) => setJson(store, SYNC_KEYS.state, state),
    readShard: (key: string) => getJson<StoredShard>(store, `${SYNC_KEYS.shardPrefix}${key}`),
    writeShard: (key: string, shard: StoredShard) => setJson(store, `${SYNC_KEYS.shardPrefix}${key}`, shard),
    deleteShard: (key: string) => store.del(`${SYNC_KEYS.shardPrefix}${key}`),
    async readPending(): Promise<PendingFile[]> {
      return (await getJson<PendingFile[]>(store, SYNC_KEYS.pendingFiles)) ?? [];
    },
    writePending: (files: PendingFile[]) => setJson(store, SYNC_KEYS.pendingFiles, files),
    addPending: (file: PendingFile) =>
      serial(async () => {
        const files = (await getJson<PendingFile[]>(store, SYNC_KEYS.pendingFiles)) ?? [];
        files.push(file);
        await setJson(store, SYNC_KEYS.pendingFiles, files);
      }),
    removePending: (fileIds: readonly string[]) =>
      serial(async () => {
        if (fileIds.length === 0) return;
        const drop = new Set(fileIds);
        const files = (await getJson<PendingFile[]>(store, SYNC_KEYS.pendingFiles)) ?? [];
        await setJson(
          store,
          SYNC_KEYS.pendingFiles,
          files.filter((f) => !drop.has(f.fileId)),
        );
      }),
    readVectorStoreId: () => store.get(VECTOR_STORE_KEY),
    writeVectorStoreId: (id: string) => store.set(VECTOR_STORE_KEY, id),
  };
}

export type SyncStateStore = ReturnType<typeof createSyncStateStore>;
