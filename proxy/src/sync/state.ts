/**
 * What sync keeps in the store. Only the lock holder writes, so plain
 * read-modify-write is safe. The committed state is one key written last: a
 * run that fails before it leaves the previous state (and its hash) in place.
 *
 * Shard items are stored under a hash-addressed key, `sync:shard:<range>:<hash>`,
 * so a run can write a shard's new items while it uploads (and then drop them
 * from memory) without touching the items the committed state still points at.
 * The committed state names the hash; keys it does not name are pruned after a
 * commit, after a failure, and by the next run's cleanup after a crash.
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
  /** ISO time of the last change notice (webhook or plugin). */
  lastChangeAt: 'sync:last_change_at',
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

/** A shard's entries and compact products, as uploaded. */
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

/** `sync:shard:<range>:<hash>`: the items of one version of a shard. */
export function shardItemsKey(shard: string, hash: string): string {
  return `${SYNC_KEYS.shardPrefix}${shard}:${hash}`;
}

/**
 * `sync:shard:<range>`: where versions before hash-addressing kept the committed items.
 * Still read, so an existing store keeps syncing incrementally without a full re-sync.
 */
export function legacyShardItemsKey(shard: string): string {
  return `${SYNC_KEYS.shardPrefix}${shard}`;
}

/**
 * The shard item keys that `shards` does not refer to, out of `keys` (everything under the shard prefix).
 * A legacy key stays while its range is committed and no hash-addressed copy of the committed hash exists yet:
 * it is then the only copy of that shard's items.
 */
export function unreferencedShardKeys(keys: readonly string[], shards: Readonly<Record<string, { hash: string }>>): string[] {
  const present = new Set(keys);
  return keys.filter((full) => {
    const [range = '', hash] = full.slice(SYNC_KEYS.shardPrefix.length).split(':');
    const committed = shards[range];
    if (!committed) return true;
    if (hash !== undefined) return hash !== committed.hash;
    return present.has(shardItemsKey(range, committed.hash));
  });
}

export function createSyncStateStore(store: KeyValueStore) {
  // Uploads run in parallel; the pending list's read-modify-write must not interleave.
  const serial = createLimiter(1);
  return {
    readState: () => getJson<SyncState>(store, SYNC_KEYS.state),
    writeState: (state: SyncState) => setJson(store, SYNC_KEYS.state, state),
    /** The items of `shard` at `hash`: the hash-addressed copy, else a legacy copy with that hash. */
    async readShard(shard: string, hash: string): Promise<StoredShard | null> {
      const stored = await getJson<StoredShard>(store, shardItemsKey(shard, hash));
      if (stored) return stored;
      const legacy = await getJson<StoredShard>(store, legacyShardItemsKey(shard));
      return legacy?.hash === hash ? legacy : null;
    },
    writeShard: (shard: string, items: StoredShard) => setJson(store, shardItemsKey(shard, items.hash), items),
    /** Delete every shard item key that `shards` (the state that is, or stays, committed) does not refer to. */
    async pruneShards(shards: Readonly<Record<string, { hash: string }>>): Promise<string[]> {
      const stale = unreferencedShardKeys(await store.keys(SYNC_KEYS.shardPrefix), shards);
      for (const key of stale) await store.del(key);
      return stale;
    },
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
