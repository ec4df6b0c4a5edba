/**
 * What the stages of one sync run share: the engine's dependencies, the run's
 * context, and the result type. The stages (read-full, read-incremental,
 * build, commit) are plain functions over these, so each stays small.
 */
import type { Logger } from 'pino';
import type { VariationLike } from '../catalog/types';
import type { KeyValueStore } from '../store/types';
import type { WooClient } from '../woo/client';
import type { LabelLanguage } from './labels';
import type { Limiter } from './limiter';
import type { ProgressReporter, SyncMode } from './progress';
import type { CommittedShard, SyncState, SyncStateStore } from './state';
import type { createBestEffortCalls, ShardUploader } from './uploader';
import type { VectorStoreOps } from './vector-store';

/** The product card cache (chat's show_products): told what changed, and handed the variations sync fetched. */
export interface ProductCardCache {
  invalidate(ids?: number[]): Promise<void>;
  /** Optional: lets cards use the synced variations instead of asking WooCommerce again. Best effort. */
  rememberVariations?(productId: number, variations: VariationLike[]): Promise<void>;
}

export interface SyncEngineDeps {
  store: KeyValueStore;
  woo: Pick<WooClient, 'listProducts' | 'listVariations' | 'listVariationsOfProducts' | 'getProductsByIds'>;
  vectorStore: VectorStoreOps;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  settings: {
    pageConcurrency: number;
    uploadConcurrency: number;
    shardSize: number;
    labels: 'auto' | LabelLanguage;
    /**
     * The vector store set for this store (OPENAI_VECTOR_STORE_ID for the environment-configured one): never
     * replaced, and a clear error when it is gone. Unset: the sync creates one, remembers it, and replaces it
     * when it disappears.
     */
    vectorStoreId?: string;
    currency?: string;
    perPage?: number;
  };
  /** The product card cache; changed products are invalidated after a commit. */
  products?: ProductCardCache;
}

export interface SyncRequest {
  mode: SyncMode;
  progress: ProgressReporter;
  /** Throws when the lock was lost, so a run that outlived its lock never commits. */
  assertLockHeld?: () => void;
}

export interface SyncSuccess {
  status: 'success' | 'skipped';
  message: string;
  skipped: boolean;
  hash: string;
  products_count: number;
  vector_store_id: string;
  mode: SyncMode;
  shards_total: number;
  shards_uploaded: number;
  shards_kept: number;
  shards_removed: number;
  duration_ms: number;
  /** What the step after the catalog (the store's own documents) did, or why it failed. */
  facts?: Record<string, unknown>;
}

/** The engine's dependencies plus the state store, handed to every stage. */
export interface EngineCore {
  deps: SyncEngineDeps;
  states: SyncStateStore;
  settings: SyncEngineDeps['settings'];
  logger: SyncEngineDeps['logger'];
}

/** Past this many changed products, all cards are invalidated instead (and the ids are not kept in memory). */
const INVALIDATE_ALL_ABOVE = 5000;

/** What is kept per shard once its items are uploaded (or known unchanged): no items. */
export interface ShardBuild {
  hash: string;
  count: number;
}

/** The ids whose product cards a commit invalidates; bounded, so a first sync of 100k products keeps no 100k-id set. */
export function createChangedProducts() {
  let ids: Set<number> | null = new Set();
  let any = false;
  return {
    add(id: number) {
      any = true;
      if (!ids) return;
      ids.add(id);
      if (ids.size > INVALIDATE_ALL_ABOVE) ids = null;
    },
    /** null: nothing changed; undefined: too many to list, invalidate every card. */
    target(): number[] | undefined | null {
      if (!any) return null;
      return ids ? [...ids] : undefined;
    },
  };
}

/** Everything one run shares between its stages. */
export interface RunContext {
  request: SyncRequest;
  mode: SyncMode;
  /** The committed state, whatever it is: its files and shard items stay until a commit replaces them. */
  stateRaw: SyncState | null;
  /** The committed state when this run can diff against it (same vector store and shard size). */
  state: SyncState | null;
  committed: Record<string, CommittedShard>;
  vectorStoreId: string;
  /** Files of a previous state whose vector store was gone; deleted after the commit. */
  lostFiles: string[];
  language: LabelLanguage | null;
  builds: Map<string, ShardBuild>;
  /** Shard → file id of the files this run uploaded (recorded as pending). */
  uploaded: Map<string, string>;
  changed: ReturnType<typeof createChangedProducts>;
  productsRead: number;
  dirtyMarks: Array<{ key: string; value: string }>;
  uploader: ShardUploader;
  variationLimit: Limiter;
  /** False once the store answered that it has no `/variations` route (WooCommerce before 10.3): one read per product then. */
  bulkVariations: boolean;
  remember: ReturnType<typeof createBestEffortCalls>;
}
