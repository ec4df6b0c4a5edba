import OpenAI from 'openai';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AisleConfig } from '../config/schema';
import { REQUIRED_VARS } from '../config/schema';
import { createProductService, type ProductService } from '../catalog/products';
import type { ProductSource } from '../catalog/types';
import { createChatRouter } from '../chat/routes';
import { createChatService } from '../chat/service';
import { resolveInstructions } from '../chat/instructions';
import { createThreadRepository } from '../chat/threads';
import type { TurnSettings } from '../chat/turn';
import { createHealthRouter } from '../health/routes';
import { createApp } from '../http/app';
import { createApiDocs } from '../http/openapi';
import { createLogger, type Logger } from '../logging/logger';
import { createStore } from '../store';
import type { KeyValueStore } from '../store/types';
import { createWooClient } from '../woo/client';
import { VERSION } from './version';

export const VECTOR_STORE_KEY = 'catalog:vector_store_id';

export interface Aisle {
  app: Express;
  config: AisleConfig;
  logger: Logger;
  store: KeyValueStore;
  openai: OpenAI | null;
  products: ProductService;
  /** Stop background work and close connections (the HTTP server is closed by the caller). */
  close(): Promise<void>;
}

export interface ComposeOverrides {
  logger?: Logger;
  store?: KeyValueStore;
  productSource?: ProductSource;
}

/** The composition root: config in, a wired app out. Nothing below reads `process.env`. */
export async function composeAisle(config: AisleConfig, overrides: ComposeOverrides = {}): Promise<Aisle> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL });
  const store = overrides.store ?? createStore({ redisUrl: config.REDIS_URL, dataDir: config.AISLE_DATA_DIR });

  const openai = config.OPENAI_API_KEY
    ? new OpenAI({
        apiKey: config.OPENAI_API_KEY,
        ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        timeout: config.OPENAI_TIMEOUT_MS,
        maxRetries: 1,
      })
    : null;

  const wooConfigured = Boolean(config.WOO_BASE_URL && config.WOO_CONSUMER_KEY && config.WOO_CONSUMER_SECRET);
  const woo = wooConfigured
    ? createWooClient({
        baseUrl: config.WOO_BASE_URL!,
        consumerKey: config.WOO_CONSUMER_KEY!,
        consumerSecret: config.WOO_CONSUMER_SECRET!,
        timeoutMs: config.WOO_TIMEOUT_MS,
        logger,
      })
    : null;
  const productSource: ProductSource | null = overrides.productSource ?? woo;
  const allowedHosts = new Set<string>(config.WOO_BASE_URL ? [new URL(config.WOO_BASE_URL).host.toLowerCase()] : []);

  const products = createProductService({
    source: productSource ?? {
      getProductsByIds: async () => [],
      listVariations: async () => [],
    },
    store,
    currency: 'ILS',
    allowedHosts,
    ttlSeconds: config.AISLE_PRODUCT_CACHE_TTL_S,
  });

  const threads = createThreadRepository({ store, ttlDays: config.AISLE_THREAD_TTL_DAYS });
  const settings = async (): Promise<TurnSettings> => ({
    model: config.OPENAI_MODEL,
    reasoningEffort: config.OPENAI_REASONING_EFFORT,
    instructions: resolveInstructions(config.AISLE_INSTRUCTIONS),
    vectorStoreId: config.OPENAI_VECTOR_STORE_ID ?? (await store.get(VECTOR_STORE_KEY).catch(() => null)),
    maxToolRounds: config.AISLE_MAX_TOOL_ROUNDS,
    maxProductsPerCall: config.AISLE_MAX_PRODUCTS_PER_CALL,
  });

  const chat = createChatService({ openai, products, threads, settings, logger });
  const docs = createApiDocs({ version: VERSION, maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS });

  const missingVars = () => REQUIRED_VARS.filter((name) => !config[name]);
  const app = createApp({
    logger,
    docs,
    maxBodyBytes: config.AISLE_MAX_BODY_BYTES,
    routers: [
      createHealthRouter({
        missingVars,
        store,
        version: VERSION,
        details: () => ({ model: config.OPENAI_MODEL }),
      }),
      createChatRouter({
        chat,
        threads,
        openai,
        products,
        limits: { maxMessageChars: config.AISLE_MAX_MESSAGE_CHARS },
        heartbeatMs: config.AISLE_HEARTBEAT_MS,
        resolveShopper: async () => ({ owner: 'anonymous', tenant: 'default' }),
      }),
    ],
  });

  return {
    app,
    config,
    logger,
    store,
    openai,
    products,
    async close() {
      await store.close();
    },
  };
}

/** Listen and resolve with the server once it accepts connections. */
export function listen(aisle: Aisle, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = aisle.app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
