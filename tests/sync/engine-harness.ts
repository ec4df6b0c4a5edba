/**
 * The sync engine on its own (no routes, no lock) against the fake WooCommerce and fake OpenAI, with
 * hooks to wrap the WooCommerce client and the vector-store operations so a test can watch or stall them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pino from 'pino';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { startFakeWoo, buildCatalog, type FakeWoo, type Catalog } from '../fakes/woo';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createWooClient, type WooClient } from '../../proxy/src/woo/client';
import { createSyncEngine, type ProductCardCache, type SyncEngineDeps, type SyncSuccess } from '../../proxy/src/sync/engine';
import { createProgressReporter, type SyncMode } from '../../proxy/src/sync/progress';
import { createVectorStoreOps, type VectorStoreOps } from '../../proxy/src/sync/vector-store';

export type EngineWoo = SyncEngineDeps['woo'];

export interface EngineHarness {
  woo: FakeWoo;
  openai: FakeOpenAI;
  store: KeyValueStore;
  catalog: Catalog;
  /** Warnings the engine logged (pino JSON lines, parsed). */
  warnings: Array<{ msg?: string; err?: { message?: string } }>;
  run(mode?: SyncMode): Promise<SyncSuccess>;
  close(): Promise<void>;
}

export async function startEngineHarness(
  options: {
    products?: number;
    settings?: Partial<SyncEngineDeps['settings']>;
    cache?: ProductCardCache;
    latencyMs?: number;
    /** false: the store has no GET /wc/v3/variations (WooCommerce before 10.3). */
    variationsRoute?: boolean;
    wrapWoo?: (client: EngineWoo) => EngineWoo;
    wrapVectorStore?: (ops: VectorStoreOps) => VectorStoreOps;
  } = {},
): Promise<EngineHarness> {
  const catalog = buildCatalog(options.products ?? 60);
  const woo = await startFakeWoo({
    products: catalog.products,
    variations: catalog.variations,
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
    ...(options.variationsRoute === false ? { variationsRoute: false } : {}),
  });
  const openai = await startFakeOpenAI({ vectorStorePollsUntilDone: 1, pollAfterMs: 1 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-sync-engine-'));
  const store = createEmbeddedStore({ dataDir: dir });
  const client: WooClient = createWooClient({
    baseUrl: woo.url,
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
    timeoutMs: 5000,
    retries: 1,
    retryBaseMs: 10,
    retryMaxMs: 50,
  });
  const ops = createVectorStoreOps({
    openai: new OpenAI({ apiKey: 'sk-test', baseURL: openai.baseURL, maxRetries: 0, timeout: 5000 }),
    indexTimeoutMs: 5000,
    pollIntervalMs: 1,
  });
  const warnings: EngineHarness['warnings'] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  const engine = createSyncEngine({
    store,
    woo: options.wrapWoo ? options.wrapWoo(client) : client,
    vectorStore: options.wrapVectorStore ? options.wrapVectorStore(ops) : ops,
    logger,
    settings: { pageConcurrency: 4, uploadConcurrency: 4, shardSize: 50, labels: 'auto', ...options.settings },
    ...(options.cache ? { products: options.cache } : {}),
  });
  return {
    woo,
    openai,
    store,
    catalog,
    warnings,
    run: (mode = 'full') =>
      engine.run({ mode, progress: createProgressReporter({ store, syncId: 'test', mode, trigger: 'test', throttleMs: 0 }) }),
    async close() {
      await client.close();
      await woo.close();
      await openai.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
