import path from 'node:path';
import type { Server } from 'node:http';
import express, { Router, type Express } from 'express';
import type { AisleConfig } from '../config/schema';
import { REQUIRED_VARS } from '../config/schema';
import { describeAdminRoutes } from '../admin/docs';
import { createAdminRouter } from '../admin/routes';
import { describeSyncRoutes } from '../sync';
import { PHOTO_ROUTES, photoBodyBytes } from '../chat/body';
import { createChatRouter } from '../chat/routes';
import { createGuards, type Guards } from '../guard';
import { hardenServer } from '../guard/server-hardening';
import { createNewSessionLimit } from '../guard/door-limits';
import type { ConversationIndex } from '../maintenance/conversation-index';
import type { RetentionReport } from '../maintenance/retention';
import { createShopperResolver } from '../chat/shopper';
import { createThreadRepository } from '../chat/threads';
import { createDemoRouter, type DemoSetup, loadDemo } from '../demo/routes';
import { createHealthRouter } from '../health/routes';
import { createApp } from '../http/app';
import { createCors } from '../http/cors';
import { createApiDocs } from '../http/openapi';
import type { DestinationStream } from 'pino';
import { createLogger, type Logger } from '../logging/logger';
import { configSecrets } from '../config/secrets';
import {
  createMetrics,
  createMetricsRouter,
  describeMetricsRoutes,
  httpMetricsMiddleware,
  syncProgressListener,
  type Metrics,
} from '../metrics';
import type { SearchableProduct } from '../search';
import { describeInsightsRoute } from '../insights';
import { createSecretForSite, hasAnySecret } from '../session/secrets';
import { createStore } from '../store';
import type { KeyValueStore } from '../store/types';
import { createTenantRepository, tenantStoreKey } from '../tenants/repository';
import { createAdminChecks } from './admin-checks';
import { createCatalogFreshness } from './catalog-freshness';
import { createCatalogSync } from './catalog-sync';
import { createStoreChat } from './chat-wiring';
import { createEventsRoute, createStoreInsights, type StoreInsights } from './insights';
import { createPrivacyRoutes } from './privacy';
import { scheduleStoreRetention } from './retention';
import { createStoreStatus } from './store-status';
import { createStoreRouters } from './store-routers';
import { createOpenAITransport } from '../openai/transport';
import { DEFAULT_TENANT } from '../tenants/default';
import { createRuntimeFactory, settingsFromEnv, type RuntimeFactory } from './runtime';
import { VERSION } from './version';

export { VECTOR_STORE_KEY } from './runtime';
export { DEFAULT_TENANT } from '../tenants/default';

export interface Aisle {
  app: Express;
  config: AisleConfig;
  logger: Logger;
  store: KeyValueStore;
  runtimes: RuntimeFactory;
  /** Whether chat requires signed shopper sessions. */
  sessionsRequired: boolean;
  demo: DemoSetup | null;
  /** Rate limits, spend guard, moderation, conversation index (admin status reads `guards.spend`). */
  guards: Guards;
  /** Prometheus metrics of this process (served at /metrics). */
  metrics: Metrics;
  /** Per-store daily counters for the owner (served signed at /api/admin/insights). */
  insights: StoreInsights;
  /** Catalog freshness: `safetyPass` runs the scheduled safety sync of every store once. */
  catalog: { safetyPass(): Promise<void> };
  /** The scheduled retention job (null when AISLE_RETENTION_INTERVAL_MIN is 0); `runNow` runs it once. */
  retention: { runNow(): Promise<RetentionReport | null> } | null;
  /** Stop background work and close connections (the HTTP server is closed by the caller). */
  close(): Promise<void>;
}

export interface ComposeOverrides {
  logger?: Logger;
  /** Where the composed logger writes (default stdout); the tests collect every line to scan for secrets. */
  logDestination?: DestinationStream;
  store?: KeyValueStore;
  metrics?: Metrics;
  /** Where new conversations are recorded for the retention job (default: in the store). */
  conversationIndex?: ConversationIndex;
}

/** The folder the standalone widget is built into (served at `/`, e.g. `/widget.js`). */
export const STATIC_DIR = path.resolve(__dirname, '..', '..', 'static');

/** The composition root: config in, a wired app out. Nothing below reads `process.env`. */
export async function composeAisle(config: AisleConfig, overrides: ComposeOverrides = {}): Promise<Aisle> {
  const logger =
    overrides.logger ??
    createLogger({
      level: config.LOG_LEVEL,
      ...(overrides.logDestination ? { destination: overrides.logDestination } : {}),
      // Last line of defence: these values are replaced wherever they would appear in a log line.
      scrub: configSecrets(config),
    });
  const store = overrides.store ?? createStore({ redisUrl: config.REDIS_URL, dataDir: config.AISLE_DATA_DIR });
  // Connect now, so the first requests (and the rate limiter sharing the connection) find Redis ready.
  // A Redis that is down at start only makes health say so; the client keeps reconnecting.
  if (store.kind === 'redis' && !(await store.ping()))
    logger.warn('Redis is not reachable yet; shared state is unavailable until it is.');
  const metrics = overrides.metrics ?? createMetrics();

  const secrets = {
    connectionSecret: config.AISLE_CONNECTION_SECRET,
    siteId: config.AISLE_SITE_ID,
    siteSecrets: config.AISLE_SITE_SECRETS,
  };
  const secretForSite = createSecretForSite(secrets);
  const sessionsRequired = hasAnySecret(secrets);
  const tenants = sessionsRequired
    ? createTenantRepository({
        store,
        encryptionKey: config.AISLE_ENCRYPTION_KEY ?? null,
        secretForSite,
        envOverrides: settingsFromEnv(config),
      })
    : null;

  const docs = createApiDocs({
    version: VERSION,
    maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS,
    maxImageBytes: config.AISLE_MAX_IMAGE_BYTES,
  });
  describeMetricsRoutes(docs);
  const wooConfigured = Boolean(config.WOO_BASE_URL && config.WOO_CONSUMER_KEY && config.WOO_CONSUMER_SECRET);
  const demoOn = config.AISLE_DEMO === 'on' || (config.AISLE_DEMO === 'auto' && !wooConfigured && !sessionsRequired);
  const publicUrl = config.AISLE_PUBLIC_URL ?? `http://localhost:${config.PORT || 8000}`;
  const demo = demoOn ? loadDemo(publicUrl) : null;

  // The synced catalog feeds offline search; the sync module is created right after the runtimes.
  let readCatalog: ((store: KeyValueStore) => Promise<SearchableProduct[] | null>) | null = null;
  const openaiTransport = createOpenAITransport({ timeoutMs: config.OPENAI_TIMEOUT_MS });
  const runtimes = createRuntimeFactory({
    config,
    openaiFetch: openaiTransport.fetch,
    syncedCatalog: (s) => readCatalog?.(s) ?? Promise.resolve(null),
    store,
    logger,
    tenants,
    metrics,
    multiStore: Object.keys(config.AISLE_SITE_SECRETS ?? {}).length > 0,
    demo: demo ? { source: demo.source, products: demo.catalog.products, publicHost: new URL(publicUrl).host } : null,
  });

  const sync = await createCatalogSync({
    config,
    logger,
    defaultRuntime: await runtimes.forTenant(DEFAULT_TENANT),
    onProgress: syncProgressListener(metrics),
  });
  readCatalog = sync.syncedCatalog;
  describeSyncRoutes(docs);
  const freshness = createCatalogFreshness({
    logger,
    serviceFor: sync.serviceFor,
    runtimeFor: (site) => runtimes.forTenant(site),
    sharedStore: store,
    safetyIntervalMs: config.AISLE_SAFETY_SYNC_HOURS * 3_600_000,
    environmentStore: wooConfigured && Boolean(config.OPENAI_API_KEY),
  });

  const threads = createThreadRepository({ store, ttlDays: config.AISLE_THREAD_TTL_DAYS });
  const runtimeFor = (shopper: { tenant: string }) => runtimes.forTenant(shopper.tenant);
  const guards = createGuards(
    {
      ratePerMinute: {
        session: config.AISLE_RATE_SESSION_PER_MIN,
        ip: config.AISLE_RATE_IP_PER_MIN,
        store: config.AISLE_RATE_STORE_PER_MIN,
      },
      trustedProxies: config.AISLE_TRUSTED_PROXIES,
      dailyTokenCap: config.AISLE_DAILY_TOKEN_CAP,
      moderation: config.AISLE_MODERATION === 'on',
      threadTtlDays: config.AISLE_THREAD_TTL_DAYS,
    },
    {
      store,
      logger,
      // Each store's owner sets its budget and per-shopper pace on the settings screen.
      perStore: {
        dailyTokenCap: async (tenant) => (await runtimes.forTenant(tenant)).controls.dailyTokenCap,
        ratePerSessionPerMin: async (tenant) => (await runtimes.forTenant(tenant)).controls.ratePerSessionPerMin,
      },
    },
  );
  if (overrides.conversationIndex) guards.conversationIndex = overrides.conversationIndex;
  const resolveShopper = createShopperResolver({ required: sessionsRequired, secretForSite, clientIp: guards.clientIp });
  const insights = createStoreInsights({ store, logger });
  const chat = createStoreChat({ config, runtimes, threads, guards, freshness, insights, metrics, logger });
  const privacy = createPrivacyRoutes({ config, store, threads, runtimes, resolveShopper, docs, logger, guards });
  const retention = scheduleStoreRetention({
    config,
    index: guards.conversationIndex,
    threads,
    feedback: privacy.feedback,
    runtimes,
    store,
    logger,
  });

  if (!sessionsRequired) {
    logger.warn(
      'No AISLE_CONNECTION_SECRET: chat is open to anyone who can reach this proxy (fine for the demo and local development).',
    );
  }
  const checkTenant = createAdminChecks({
    freshness,
    configuredModel: (runtime) => runtime.model?.status().configured ?? config.OPENAI_MODEL,
  });
  const status = createStoreStatus({
    spend: guards.spend,
    freshness,
    configuredModel: config.OPENAI_MODEL,
    lastSync: async (runtime) => {
      const last = (await sync.status(runtime)).last;
      return { at: last?.ok ? last.finished_at : null, products: last?.ok ? (last.products ?? null) : null };
    },
  });

  // With signed sessions, each store pushes its own keys on Connect: the environment need not have them.
  const missingVars = () => (sessionsRequired ? [] : REQUIRED_VARS.filter((name) => !config[name]));

  const routers: Router[] = [
    createHealthRouter({
      missingVars,
      store,
      version: VERSION,
      details: async () => {
        const { spend, health } = await status.health(await runtimes.forTenant(DEFAULT_TENANT));
        return { spend, ...health, sessions: sessionsRequired ? 'required' : 'open' };
      },
    }),
    createChatRouter({
      chat,
      threads,
      runtimeFor,
      resolveShopper,
      limits: {
        maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS,
        maxImageBytes: config.AISLE_MAX_IMAGE_BYTES,
        maxTurnsPerThread: config.AISLE_MAX_TURNS_PER_THREAD,
        maxStreamsPerSession: config.AISLE_MAX_STREAMS_PER_SESSION,
      },
      heartbeatMs: config.AISLE_HEARTBEAT_MS,
      rateLimit: guards.rateLimit,
      newSessionLimit: createNewSessionLimit({ perMinute: config.AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN, store, logger }),
    }),
    privacy.shopper,
    createMetricsRouter({ metrics, secret: config.AISLE_METRICS_SECRET }),
  ];
  // Mounted before the JSON parser: it reads (at most 16 KB of) its own body, after its rate limit.
  const eventsRouter = createEventsRoute({ config, metrics, store, logger, clientIp: guards.clientIp, resolveShopper, insights });
  if (tenants) {
    describeAdminRoutes(docs);
    describeInsightsRoute(docs);
    routers.push(
      createAdminRouter({
        store,
        tenants,
        secretForSite,
        getSyncStatus: async (site) => sync.status(await runtimes.forTenant(site)),
        startSync: async (site) => sync.start(await runtimes.forTenant(site)),
        spendStatus: (site) => guards.spend.spendStatus(site),
        checkTenant: async (site) => checkTenant(await runtimes.forTenant(site)),
        statusDetails: async (site) => status.details(await runtimes.forTenant(site)),
        catalogChanges: async (site, changes) => {
          await freshness.notifyChanges(await runtimes.forTenant(site), {
            productIds: changes.product_ids,
            deletedIds: changes.deleted_ids ?? [],
          });
        },
        insights: (site, query) => insights.report(site, query),
        maxBodyBytes: config.AISLE_MAX_BODY_BYTES,
        routers: [privacy.admin()],
      }),
    );
  }
  // Signed store routes with their own body limits, mounted before the JSON parser.
  const storeRouters = tenants ? createStoreRouters({ docs, store, secretForSite, runtimes, threads, sync }) : [];
  const staticRouter = Router();
  staticRouter.use(express.static(STATIC_DIR, { index: false, maxAge: '5m', fallthrough: true }));
  routers.push(staticRouter);
  if (demo) routers.push(createDemoRouter(demo));

  const corsMiddleware = createCors({
    allowedOrigins: (config.AISLE_ALLOWED_ORIGINS ?? '').split(','),
    siteIds: [...(config.AISLE_SITE_ID ? [config.AISLE_SITE_ID] : []), ...Object.keys(config.AISLE_SITE_SECRETS ?? {})],
    open: !sessionsRequired,
    // A store that pressed Connect has a (sealed) record under its site ID; its existence is enough here.
    isConnectedSite: tenants ? async (host) => (await store.get(tenantStoreKey(host))) !== null : undefined,
  });
  // The sync router comes before the JSON parser: the webhook is verified over its raw body.
  const app = createApp({
    logger,
    docs,
    maxBodyBytes: config.AISLE_MAX_BODY_BYTES,
    largeBodies: {
      paths: PHOTO_ROUTES,
      maxBytes: photoBodyBytes({ maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS, maxImageBytes: config.AISLE_MAX_IMAGE_BYTES }),
    },
    routers,
    before: [httpMetricsMiddleware(metrics), corsMiddleware, sync.router, eventsRouter, ...storeRouters],
  });

  return {
    app,
    config,
    logger,
    store,
    runtimes,
    sessionsRequired,
    demo,
    metrics,
    insights,
    guards,
    catalog: { safetyPass: () => freshness.safetyPass() },
    retention: retention ? { runNow: () => retention.runNow() } : null,
    async close() {
      retention?.stop();
      freshness.close();
      await insights.recorder.flush();
      await sync.close();
      await store.close();
      await openaiTransport.close();
    },
  };
}

/** Listen and resolve with the server once it accepts connections. */
export function listen(aisle: Aisle, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = aisle.app.listen(port, host, () => resolve(server));
    // Slow-client deadlines and JSON answers for requests the HTTP parser rejects.
    hardenServer(server);
    server.once('error', reject);
  });
}
