import { Router } from 'express';
import type { AdminSyncStart, AdminSyncStatus } from '../admin/types';
import type { AisleConfig } from '../config/schema';
import { ApiError } from '../http/errors';
import type { Logger } from '../logging/logger';
import type { SearchableProduct } from '../search';
import type { KeyValueStore } from '../store/types';
import {
  createSyncQueue,
  createSyncRouter,
  createSyncServiceFromDeps,
  readSyncedCatalog,
  readSyncedCatalogHash,
  startSyncWorker,
  syncSettingsFromEnv,
  type AfterCatalog,
  type SyncedProduct,
  type SyncService,
  type SyncStatus,
  type SyncProgress,
} from '../sync';
import { factsDocuments } from '../policies/documents';
import type { StoreFacts } from '../policies/facts';
import { savePushedFacts, syncFacts } from '../policies/facts-sync';
import type { TenantRuntime } from './runtime';

/** The synced catalog in the shape the offline search reads. */
function toSearchable(p: SyncedProduct): SearchableProduct {
  return {
    ...p,
    categories: p.categories.map((name) => ({ name })),
    tags: p.tags.map((name) => ({ name })),
    attributes: p.attributes,
  };
}

export function toAdminStatus(status: SyncStatus): AdminSyncStatus {
  const progress = status.progress;
  const uploading = progress && (progress.phase === 'uploading' || progress.phase === 'swapping');
  const last = status.last_error
    ? { ok: false, finished_at: status.last_error.at, message: status.last_error.message }
    : status.last_result
      ? (() => {
          const r = status.last_result as { message?: string; products_count?: number };
          return {
            ok: true,
            finished_at: status.last_success_at ?? new Date().toISOString(),
            message: r.message ?? 'Catalog synced',
            ...(typeof r.products_count === 'number' ? { products: r.products_count } : {}),
          };
        })()
      : null;
  return {
    state: status.running ? 'running' : last ? (last.ok ? 'succeeded' : 'failed') : 'idle',
    progress:
      status.running && progress
        ? {
            ...(uploading
              ? { done: progress.shards_uploaded, total: progress.shards_to_upload }
              : { done: progress.pages_read, total: progress.pages_total }),
            phase: progress.phase,
            pages_read: progress.pages_read,
            pages_total: progress.pages_total,
            products_read: progress.products_read,
            shards_uploaded: progress.shards_uploaded,
            shards_to_upload: progress.shards_to_upload,
          }
        : null,
    last,
  };
}

/**
 * Catalog sync wired to the stores this proxy serves: the cron/webhook routes for
 * the environment-configured store, a service per store for the WordPress
 * "Sync catalog now" button, and the synced catalog for offline search.
 */
export async function createCatalogSync(deps: {
  config: AisleConfig;
  logger: Logger;
  defaultRuntime: TenantRuntime;
  /** Sync progress listener (metrics: durations and results). */
  onProgress?: (progress: SyncProgress) => void;
}) {
  const { config, logger } = deps;
  const settings = syncSettingsFromEnv(config);
  const queue = config.REDIS_URL ? createSyncQueue({ redisUrl: config.REDIS_URL }) : undefined;
  const services = new WeakMap<TenantRuntime, SyncService>();

  /** The environment's vector store only for the environment's store; each store's own currency. */
  const storeSyncSettings = (rt: TenantRuntime) => ({ ...settings, currency: rt.format?.currency ?? config.AISLE_CURRENCY });
  const pinned = (rt: TenantRuntime) => (rt.pinnedVectorStoreId ? { vectorStoreId: rt.pinnedVectorStoreId } : {});
  /** After each catalog sync, the store's policy pages, shipping and contact follow into the same vector store. */
  const afterCatalog =
    (rt: TenantRuntime): AfterCatalog =>
    async ({ vectorStoreId, vectorStore, assertLockHeld }) => ({
      ...(await syncFacts({ store: rt.store, vectorStore, logger, storeUrl: rt.storeUrl }, vectorStoreId, assertLockHeld)),
    });
  const created = new Set<SyncService>();

  const runtime = deps.defaultRuntime;
  const router =
    runtime.openai && runtime.woo
      ? createSyncRouter({
          store: runtime.store,
          openai: runtime.openai,
          woo: runtime.woo,
          logger,
          products: runtime.products,
          config: storeSyncSettings(runtime),
          afterCatalog: afterCatalog(runtime),
          ...pinned(runtime),
          ...(queue ? { queue } : {}),
          ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
        })
      : null;
  if (router) services.set(runtime, router.service);
  const worker =
    router && queue && config.AISLE_SYNC_WORKER === 'inline'
      ? startSyncWorker({ redisUrl: config.REDIS_URL!, service: router.service })
      : null;

  /** Same paths, a clear answer: a feature that is off is not there (404), not broken (5xx). */
  const notConfigured = Router();
  const refuse = () => {
    throw new ApiError(
      404,
      'not_configured',
      'Catalog sync is off here: it needs OPENAI_API_KEY, WOO_BASE_URL, WOO_CONSUMER_KEY and WOO_CONSUMER_SECRET.',
    );
  };
  notConfigured.get('/api/sync', refuse);
  notConfigured.post('/api/sync', refuse);
  notConfigured.get('/api/sync/status', refuse);
  notConfigured.post('/api/webhooks/woocommerce', refuse);

  function serviceFor(rt: TenantRuntime): SyncService | null {
    if (!rt.openai || !rt.woo) return null;
    let service = services.get(rt);
    if (!service) {
      // Syncs started from WordPress run in this process for that store.
      service = createSyncServiceFromDeps({
        store: rt.store,
        openai: rt.openai,
        woo: rt.woo,
        logger,
        products: rt.products,
        config: storeSyncSettings(rt),
        afterCatalog: afterCatalog(rt),
        ...pinned(rt),
        ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
      });
      services.set(rt, service);
      created.add(service);
    }
    return service;
  }

  const catalogs = new WeakMap<KeyValueStore, { hash: string; products: SearchableProduct[] }>();
  async function syncedCatalog(store: KeyValueStore): Promise<SearchableProduct[] | null> {
    const hash = await readSyncedCatalogHash(store);
    if (!hash) return null;
    const cached = catalogs.get(store);
    if (cached && cached.hash === hash) return cached.products;
    const products = (await readSyncedCatalog(store)).map(toSearchable);
    catalogs.set(store, { hash, products });
    return products;
  }

  return {
    router: router ?? notConfigured,
    serviceFor,
    syncedCatalog,
    async status(rt: TenantRuntime): Promise<AdminSyncStatus> {
      const service = serviceFor(rt);
      return service ? toAdminStatus(await service.status()) : { state: 'idle', progress: null, last: null };
    },
    async start(rt: TenantRuntime): Promise<AdminSyncStart> {
      const service = serviceFor(rt);
      if (!service)
        throw new ApiError(409, 'not_configured', 'Connect the store first: the proxy has no OpenAI or WooCommerce keys for it.');
      const before = await service.status();
      if (before.running) return { started: false, status: toAdminStatus(before) };
      // The sync runs in the background; the settings screen polls the status.
      service
        .start({ trigger: 'wordpress' })
        .catch((error: unknown) => logger.warn({ err: error }, 'sync started from WordPress failed'));
      await new Promise((r) => setTimeout(r, 50));
      return { started: true, status: toAdminStatus(await service.status()) };
    },
    /**
     * Keeps the facts a store pushed. A store whose catalog was synced before gets a debounced
     * incremental sync (which carries the facts); otherwise they wait for the first sync.
     */
    async pushFacts(rt: TenantRuntime, facts: StoreFacts): Promise<{ documents: number; sync_scheduled: boolean }> {
      await savePushedFacts(rt.store, facts);
      const service = serviceFor(rt);
      const scheduled = Boolean(service) && facts.sync !== false && (await readSyncedCatalogHash(rt.store)) !== null;
      if (scheduled) service!.debouncer.schedule();
      return { documents: factsDocuments(facts, rt.storeUrl).length, sync_scheduled: scheduled };
    },
    async close() {
      for (const service of created) await service.close();
      await router?.close();
      await worker?.close();
      await queue?.close();
    },
  };
}
