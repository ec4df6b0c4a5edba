/**
 * Catalog sync: WooCommerce → Markdown shards → OpenAI vector store.
 * See docs/sync.md. The composition root calls `createSyncRouter` with its
 * shared dependencies and mounts the router before the JSON body parser.
 */
import type OpenAI from 'openai';
import type { Logger } from 'pino';
import type { Router } from 'express';
import type { KeyValueStore } from '../store/types';
import type { WooClient } from '../woo/client';
import type { SyncSettings } from './config';
import { createSyncRoutes } from './routes';
import { createSyncService, type AfterCatalog, type SyncJobQueue, type SyncService } from './service';
import { createVectorStoreOps } from './vector-store';
export { createVectorStoreOps } from './vector-store';
export type { VectorStoreOps } from './vector-store';
import type { ProductCardCache } from './engine';
import type { SyncProgress } from './progress';

export interface CatalogSyncDeps {
  store: KeyValueStore;
  openai: OpenAI;
  woo: Pick<WooClient, 'listProducts' | 'listVariations' | 'listVariationsOfProducts' | 'getProductsByIds'>;
  logger: Logger;
  config: SyncSettings & { currency?: string };
  /**
   * The vector store set for this store, e.g. OPENAI_VECTOR_STORE_ID for the environment-configured one. Unset:
   * the sync creates one, remembers it in this store's key-value store, and replaces it when it disappears.
   */
  vectorStoreId?: string;
  products?: ProductCardCache;
  /** createSyncQueue(...) when Redis is configured; omitted → syncs run in this process. */
  queue?: SyncJobQueue;
  onProgress?: (progress: SyncProgress) => void;
  /** Runs after the catalog under the same lock (the store's own documents). */
  afterCatalog?: AfterCatalog;
}

export function createSyncServiceFromDeps(deps: CatalogSyncDeps): SyncService {
  return createSyncService({
    store: deps.store,
    woo: deps.woo,
    vectorStore: createVectorStoreOps({ openai: deps.openai, indexTimeoutMs: deps.config.indexTimeoutMs, logger: deps.logger }),
    logger: deps.logger,
    lockTtlMs: deps.config.lockTtlMs,
    debounceMs: deps.config.debounceMs,
    settings: {
      pageConcurrency: deps.config.pageConcurrency,
      uploadConcurrency: deps.config.uploadConcurrency,
      shardSize: deps.config.shardSize,
      labels: deps.config.labels,
      ...(deps.vectorStoreId ? { vectorStoreId: deps.vectorStoreId } : {}),
      ...(deps.config.currency ? { currency: deps.config.currency } : {}),
    },
    ...(deps.products ? { products: deps.products } : {}),
    ...(deps.queue ? { queue: deps.queue } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.afterCatalog ? { afterCatalog: deps.afterCatalog } : {}),
  });
}

export type SyncRouter = Router & {
  service: SyncService;
  debouncer: SyncService['debouncer'];
  /** Stops the webhook debounce timer and waits for a sync it started. */
  close(): Promise<void>;
};

/** GET|POST /api/sync, GET /api/sync/status, POST /api/webhooks/woocommerce. */
export function createSyncRouter(deps: CatalogSyncDeps): SyncRouter {
  const service = createSyncServiceFromDeps(deps);
  const router = createSyncRoutes({
    service,
    logger: deps.logger,
    config: {
      ...(deps.config.syncSecret ? { syncSecret: deps.config.syncSecret } : {}),
      ...(deps.config.webhookSecret ? { webhookSecret: deps.config.webhookSecret } : {}),
      webhookMaxBytes: deps.config.webhookMaxBytes,
    },
  });
  return Object.assign(router, { service, close: () => service.close() });
}

export { createSyncRoutes, describeSyncRoutes } from './routes';
export { createSyncService } from './service';
export type { AfterCatalog, SyncService, SyncStatus, SyncJobQueue, SyncJobData, CatalogChanges, ChangesQueued } from './service';
export { catalogHealth } from './health';
export type { CatalogHealth, CatalogHealthDeps } from './health';
export { createSyncQueue, startSyncWorker, SYNC_QUEUE_NAME } from './queue';
export { readSyncedCatalog, readSyncedCatalogHash } from './catalog';
export type { SyncedProduct } from './document';
export { syncEnvSchema, syncSettingsFromEnv, DEFAULT_SYNC_SETTINGS } from './config';
export type { SyncEnv, SyncSettings } from './config';
export type { SyncSuccess, ProductCardCache } from './engine';
export { SyncError, isSyncError } from './errors';
export { VECTOR_STORE_KEY, SYNC_KEYS } from './state';
export type { SyncProgress } from './progress';
export { verifyWooSignature } from './webhook';
