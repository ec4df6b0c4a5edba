import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import type { AisleConfig } from '../config/schema';
import { DEFAULT_MODEL } from '../config/schema';
import { createProductService } from '../catalog/products';
import type { ProductLike, ProductSource } from '../catalog/types';
import { resolveInstructions } from '../chat/instructions';
import { createModelGuard } from '../chat/model-guard';
import { createOfflineResponder } from '../chat/offline';
import { createShowProductsTool } from '../chat/show-products';
import { handoffTools } from '../handoff/tool';
import type { ChatRuntime } from '../chat/types';
import type { Logger } from '../logging/logger';
import { createOrderLookupLimit, createOrderStatusTool } from '../orders';
import { instrumentOpenAIFetch, instrumentWoo, type Metrics } from '../metrics';
import { comparisonTable, createCompareTool } from '../compare';
import { createProductSearchTool, type SearchableCatalog } from '../product-search';
import { createCatalogSearch, type CatalogSearch, type SearchableProduct } from '../search';
import { prefixedStore } from '../store/prefixed';
import type { KeyValueStore } from '../store/types';
import { DEFAULT_TENANT } from '../tenants/default';
import type { TenantRepository } from '../tenants/repository';
import type { OwnerControls, StoreFormat, TenantSettings } from '../tenants/types';
import { createWooClient, type WooClient } from '../woo';

/** Where the sync keeps the vector store it created (per site, inside the site's store view). */
export const VECTOR_STORE_KEY = 'catalog:vector_store_id';

/** Everything chat and sync need for one store (site): chat's view plus what sync and admin use. */
export interface TenantRuntime extends ChatRuntime {
  /** The store's own view of the key-value store. */
  store: KeyValueStore;
  woo: WooClient | null;
  /** True for the store the environment configures (no settings pushed from WordPress). */
  fromEnvironment: boolean;
  /** The money format and language the store pushed; null for the environment's store. */
  format: StoreFormat | null;
  /** The owner's controls with the operator's defaults filled in. */
  controls: EffectiveControls;
  /** The vector store ID the environment pins for this store, if any (OPENAI_VECTOR_STORE_ID, environment store only). */
  pinnedVectorStoreId: string | null;
  /** The store's address, e.g. `https://shop.example`, when known. */
  storeUrl: string | null;
}

export interface EffectiveControls {
  dailyTokenCap: number;
  moderation: boolean;
  ratePerSessionPerMin: number;
  retentionDays: number;
  /** Whether shoppers may ask for their orders' status (the `order_status` tool); on unless the owner turned it off. */
  orderLookup: boolean;
  /** The owner may read masked transcripts and delete conversations from wp-admin. */
  transcriptReview: boolean;
}

/** Set when OpenAI said the remembered vector store is gone; chat answers without file_search until a sync heals it. */
export const VECTOR_STORE_MISSING_KEY = 'catalog:vector_store_missing';

export interface RuntimeFactoryDeps {
  config: AisleConfig;
  store: KeyValueStore;
  logger: Logger;
  tenants: TenantRepository | null;
  /** True when several stores share this proxy (AISLE_SITE_SECRETS). */
  multiStore: boolean;
  /** The bundled demo catalog, when demo mode is on. */
  demo: { source: ProductSource; products: ProductLike[]; publicHost: string } | null;
  /** Times OpenAI and WooCommerce calls into /metrics. */
  metrics?: Metrics;
  /** The OpenAI clients' HTTP transport (one keep-alive pool for every store); Node's fetch by default. */
  openaiFetch?: typeof fetch;
  /** The last synced catalog of a store, for offline search (null before the first sync). */
  syncedCatalog?: (store: KeyValueStore) => Promise<ProductLike[] | null>;
}

/** The environment's single-store settings. */
export function settingsFromEnv(config: AisleConfig): TenantSettings {
  return {
    ...(config.WOO_BASE_URL ? { storeUrl: config.WOO_BASE_URL } : {}),
    ...(config.WOO_CONSUMER_KEY ? { wooConsumerKey: config.WOO_CONSUMER_KEY } : {}),
    ...(config.WOO_CONSUMER_SECRET ? { wooConsumerSecret: config.WOO_CONSUMER_SECRET } : {}),
    ...(config.OPENAI_API_KEY ? { openaiApiKey: config.OPENAI_API_KEY } : {}),
    // The model has a default; only a deliberately different one overrides what a store pushed.
    ...(config.OPENAI_MODEL !== DEFAULT_MODEL ? { model: config.OPENAI_MODEL } : {}),
    ...(config.AISLE_INSTRUCTIONS ? { instructions: config.AISLE_INSTRUCTIONS } : {}),
  };
}

function hostsFor(storeUrl: string | undefined, extra: string | undefined, publicHost: string | null): Set<string> {
  const hosts = new Set<string>();
  const add = (host: string) => {
    const h = host.trim().toLowerCase();
    if (!h) return;
    hosts.add(h);
    hosts.add(h.startsWith('www.') ? h.slice(4) : `www.${h}`);
  };
  if (storeUrl) add(new URL(storeUrl).host);
  for (const h of (extra ?? '').split(',')) add(h);
  if (publicHost) add(publicHost);
  return hosts;
}

/**
 * Builds and caches a runtime per store. A runtime is keyed by a fingerprint of
 * its settings, so a Connect that pushes new keys takes effect on the next request.
 */
export function createRuntimeFactory(deps: RuntimeFactoryDeps) {
  const { config } = deps;
  const openaiFetch = deps.openaiFetch ?? fetch;
  const cache = new Map<string, TenantRuntime>();
  const searchCache = new WeakMap<object, CatalogSearch>();
  // One limit for every store's runtime (keys carry the store), shared by instances through Redis.
  const orderLookupLimit = createOrderLookupLimit({ store: deps.store, logger: deps.logger });

  function effectiveControls(controls: OwnerControls | undefined): EffectiveControls {
    return {
      dailyTokenCap: controls?.dailyTokenCap ?? config.AISLE_DAILY_TOKEN_CAP,
      moderation: controls?.moderation ?? config.AISLE_MODERATION === 'on',
      ratePerSessionPerMin: controls?.ratePerSessionPerMin ?? config.AISLE_RATE_SESSION_PER_MIN,
      // A store may keep conversations for less time than the operator allows, never for more.
      retentionDays: Math.min(controls?.retentionDays ?? config.AISLE_THREAD_TTL_DAYS, config.AISLE_THREAD_TTL_DAYS),
      orderLookup: controls?.orderLookup ?? true,
      transcriptReview: controls?.transcriptReview ?? false,
    };
  }

  function build(tenant: string, settings: TenantSettings, fromEnvironment: boolean): TenantRuntime {
    // One store per proxy keeps the plain key space (cron syncs and chat agree on it);
    // several stores (AISLE_SITE_SECRETS) each get their own view.
    const ownView = tenant !== DEFAULT_TENANT && deps.multiStore;
    const store = ownView ? prefixedStore(deps.store, `site:${tenant}:`) : deps.store;
    const openai = settings.openaiApiKey
      ? new OpenAI({
          apiKey: settings.openaiApiKey,
          ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
          timeout: config.OPENAI_TIMEOUT_MS,
          maxRetries: 1,
          fetch: deps.metrics ? instrumentOpenAIFetch(deps.metrics, openaiFetch) : openaiFetch,
        })
      : null;
    const wooClient =
      settings.storeUrl && settings.wooConsumerKey && settings.wooConsumerSecret
        ? createWooClient({
            baseUrl: settings.storeUrl,
            consumerKey: settings.wooConsumerKey,
            consumerSecret: settings.wooConsumerSecret,
            timeoutMs: config.WOO_TIMEOUT_MS,
            idleTimeoutMs: config.WOO_IDLE_TIMEOUT_MS,
            logger: deps.logger,
          })
        : null;
    const woo = wooClient && deps.metrics ? instrumentWoo(wooClient, deps.metrics) : wooClient;
    const demo = !woo && config.AISLE_DEMO !== 'off' ? deps.demo : config.AISLE_DEMO === 'on' ? deps.demo : null;
    const source: ProductSource = woo ?? demo?.source ?? { getProductsByIds: async () => [] };
    const allowedHosts = hostsFor(settings.storeUrl, config.AISLE_STORE_HOSTS, demo ? demo.publicHost : null);
    const products = createProductService({
      source,
      store,
      currency: settings.format?.currency ?? config.AISLE_CURRENCY,
      allowedHosts,
      ttlSeconds: config.AISLE_PRODUCT_CACHE_TTL_S,
    });

    const model = openai
      ? createModelGuard({
          openai,
          configured: settings.model || config.OPENAI_MODEL,
          fallback: DEFAULT_MODEL,
          logger: deps.logger,
        })
      : null;

    const syncedIndex = async (): Promise<SearchableCatalog | null> => {
      const list = demo && !woo ? demo.products : ((await deps.syncedCatalog?.(store).catch(() => null)) ?? null);
      if (!list) return null;
      const products = list as SearchableProduct[];
      let search = searchCache.get(list);
      if (!search) {
        search = createCatalogSearch(products);
        searchCache.set(list, search);
      }
      return { search, products };
    };
    const searchable = async (): Promise<CatalogSearch | null> => (await syncedIndex())?.search ?? null;
    const currency = settings.format?.currency ?? config.AISLE_CURRENCY;
    const compareDeps = { source, currency, allowedHosts };

    // The environment's vector store belongs to the environment's store: a store connected from
    // WordPress always has its own, or one store's catalog could answer another store's shoppers.
    const pinnedVectorStoreId = fromEnvironment ? (config.OPENAI_VECTOR_STORE_ID ?? null) : null;
    // A vector store OpenAI said is gone is left out (chat answers without file_search) until a sync replaces it.
    const usableVectorStore = async (): Promise<string | null> => {
      const [id, missing] = await Promise.all([
        pinnedVectorStoreId ?? store.get(VECTOR_STORE_KEY).catch(() => null),
        store.get(VECTOR_STORE_MISSING_KEY).catch(() => null),
      ]);
      return id && id !== missing ? id : null;
    };
    return {
      tenant,
      store,
      fromEnvironment,
      format: settings.format ?? null,
      controls: effectiveControls(settings.controls),
      moderation: effectiveControls(settings.controls).moderation,
      pinnedVectorStoreId,
      storeUrl: settings.storeUrl ?? null,
      openai,
      woo,
      products,
      tools: [
        createShowProductsTool(products),
        createProductSearchTool({ catalog: syncedIndex, currency }),
        createCompareTool(compareDeps),
        ...(woo && effectiveControls(settings.controls).orderLookup
          ? [createOrderStatusTool({ orders: woo, limit: orderLookupLimit })]
          : []),
        ...handoffTools(settings.handoff),
      ],
      comparison: (ids) => comparisonTable(compareDeps, ids),
      allowedHosts,
      model,
      mode: openai ? 'live' : demo && !woo ? 'demo' : 'offline',
      offline: createOfflineResponder({ search: searchable, products }),
      async settings() {
        return {
          model: model ? await model.activeModel() : settings.model || config.OPENAI_MODEL,
          reasoningEffort: config.OPENAI_REASONING_EFFORT,
          instructions: resolveInstructions(settings.instructions),
          vectorStoreId: await usableVectorStore(),
          maxToolRounds: config.AISLE_MAX_TOOL_ROUNDS,
          maxProductsPerCall: config.AISLE_MAX_PRODUCTS_PER_CALL,
        };
      },
    };
  }

  async function settingsFor(tenant: string): Promise<{ settings: TenantSettings; fromEnvironment: boolean }> {
    if (tenant === DEFAULT_TENANT || !deps.tenants) return { settings: settingsFromEnv(config), fromEnvironment: true };
    const resolved = await deps.tenants.resolve(tenant);
    if (resolved?.stored) return { settings: resolved.settings, fromEnvironment: false };
    return { settings: resolved?.settings ?? settingsFromEnv(config), fromEnvironment: true };
  }

  return {
    async forTenant(tenant: string): Promise<TenantRuntime> {
      const { settings, fromEnvironment } = await settingsFor(tenant);
      const fingerprint = createHash('sha256')
        .update(tenant)
        .update(fromEnvironment ? '\0env\0' : '\0wp\0')
        .update(JSON.stringify(settings))
        .digest('hex');
      let runtime = cache.get(fingerprint);
      if (!runtime) {
        runtime = build(tenant, settings, fromEnvironment);
        if (cache.size >= 200) cache.delete(cache.keys().next().value!);
        cache.set(fingerprint, runtime);
      }
      return runtime;
    },
  };
}

export type RuntimeFactory = ReturnType<typeof createRuntimeFactory>;
