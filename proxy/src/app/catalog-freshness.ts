import OpenAI from 'openai';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../store/types';
import { SYNC_KEYS, VECTOR_STORE_KEY, type SyncService } from '../sync';
import { listConnectedSites } from '../tenants/repository';
import { DEFAULT_TENANT } from '../tenants/default';
import { VECTOR_STORE_MISSING_KEY, type TenantRuntime } from './runtime';

/** When the store last told the proxy about a product change, or pinged (ISO time), per store. */
export const LAST_CHANGE_KEY = SYNC_KEYS.lastChangeAt;

export interface CatalogHealth {
  state: 'ok' | 'not_synced' | 'missing';
  vector_store_id: string | null;
  /** Files the vector store holds (completed), when it exists. */
  files: number | null;
}

export interface FreshnessDeps {
  logger: Logger;
  serviceFor: (rt: TenantRuntime) => SyncService | null;
  runtimeFor: (site: string) => Promise<TenantRuntime>;
  /** The shared store (not a store's view): where connected stores are listed. */
  sharedStore: KeyValueStore;
  /** How often every connected store gets a full safety sync; 0 = never. */
  safetyIntervalMs: number;
  /** True when the environment configures a store of its own (it gets a safety sync too). */
  environmentStore: boolean;
}

const isGone = (error: unknown) => error instanceof OpenAI.NotFoundError;

/**
 * Keeps every store's catalog fresh without its owner: product changes pushed by
 * the plugin become a debounced incremental sync, a vector store that vanished at
 * OpenAI is noticed and healed by a full sync, and a safety sync visits every
 * connected store on a schedule (claimed in the shared store, so one instance of
 * several runs it).
 */
export function createCatalogFreshness(deps: FreshnessDeps) {
  /** A ping or a change list from the store: the sync service marks, drops cards and debounces one incremental sync. */
  async function notifyChanges(rt: TenantRuntime, changes: { productIds: number[]; deletedIds: number[] }): Promise<boolean> {
    const service = deps.serviceFor(rt);
    const ids = [...changes.productIds, ...changes.deletedIds];
    // The sync service records the time of the changes it queues; a ping, or a store without keys, is recorded here.
    if (service && ids.length) return (await service.notifyChanges(changes)).queued;
    await rt.store.set(LAST_CHANGE_KEY, new Date().toISOString());
    // No sync without keys; the cards still must not show the old price.
    if (ids.length) await rt.products.invalidate(ids).catch(() => undefined);
    return false;
  }

  /** Starts a full sync in the background (a busy sync lock is fine: that sync heals too). */
  function resync(rt: TenantRuntime, trigger: string): void {
    const service = deps.serviceFor(rt);
    if (!service) return;
    service.start({ mode: 'full', trigger }).catch((error: unknown) => {
      deps.logger.warn({ err: error, tenant: rt.tenant, trigger }, 'background catalog sync did not finish');
    });
  }

  /** OpenAI no longer has this store's vector store: answer without file_search, and rebuild it. */
  async function markMissing(rt: TenantRuntime, vectorStoreId: string): Promise<void> {
    await rt.store.set(VECTOR_STORE_MISSING_KEY, vectorStoreId);
    deps.logger.warn({ tenant: rt.tenant, vectorStoreId }, 'the catalog vector store is gone at OpenAI; re-syncing');
    resync(rt, 'vector-store-missing');
  }

  async function catalogHealth(rt: TenantRuntime): Promise<CatalogHealth> {
    const id = rt.pinnedVectorStoreId ?? (await rt.store.get(VECTOR_STORE_KEY));
    if (!id || !rt.openai) return { state: 'not_synced', vector_store_id: id, files: null };
    try {
      const vectorStore = await rt.openai.vectorStores.retrieve(id);
      return { state: 'ok', vector_store_id: id, files: vectorStore.file_counts.completed };
    } catch (error) {
      if (!isGone(error)) throw error;
      await markMissing(rt, id);
      return { state: 'missing', vector_store_id: id, files: null };
    }
  }

  async function safetyPass(): Promise<void> {
    const sites: string[] = await listConnectedSites(deps.sharedStore).catch(() => []);
    if (deps.environmentStore) sites.unshift(DEFAULT_TENANT);
    for (const site of sites) {
      // One instance of several takes each store's pass.
      const claimed = await deps.sharedStore
        .setIfAbsent(`catalog:safety:${site}`, String(Date.now()), Math.max(60_000, deps.safetyIntervalMs - 60_000))
        .catch(() => false);
      if (!claimed) continue;
      try {
        const rt = await deps.runtimeFor(site);
        const service = deps.serviceFor(rt);
        if (service) await service.start({ mode: 'full', trigger: 'safety' });
      } catch (error) {
        deps.logger.warn({ err: error, site }, 'safety catalog sync did not finish');
      }
    }
  }

  const timer =
    deps.safetyIntervalMs > 0 ? setInterval(() => void safetyPass().catch(() => undefined), deps.safetyIntervalMs).unref() : null;

  return {
    notifyChanges,
    catalogHealth,
    markMissing,
    safetyPass,
    async lastChangeAt(rt: TenantRuntime): Promise<string | null> {
      return rt.store.get(LAST_CHANGE_KEY).catch(() => null);
    },
    close(): void {
      if (timer) clearInterval(timer);
    },
  };
}

export type CatalogFreshness = ReturnType<typeof createCatalogFreshness>;
