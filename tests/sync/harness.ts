/** Wiring for sync tests: fake WooCommerce and OpenAI, a real store, a silent logger, and the sync router in an app. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import OpenAI from 'openai';
import pino from 'pino';
import { startFakeOpenAI, type FakeOpenAI, type StartFakeOpenAIOptions } from '../fakes/openai';
import { startFakeWoo, buildCatalog, type FakeWoo, type Catalog } from '../fakes/woo';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createWooClient, type WooClient } from '../../proxy/src/woo/client';
import { createApp } from '../../proxy/src/http/app';
import { createApiDocs } from '../../proxy/src/http/openapi';
import {
  createSyncRouter,
  DEFAULT_SYNC_SETTINGS,
  type SyncRouter,
  type SyncSettings,
  type SyncJobQueue,
} from '../../proxy/src/sync';

export interface Harness {
  woo: FakeWoo;
  openai: FakeOpenAI;
  store: KeyValueStore;
  client: WooClient;
  router: SyncRouter;
  catalog: Catalog;
  baseUrl: string;
  /** The OpenAI requests that upload a file. */
  uploads(): number;
  /** Files attached to the one vector store, by id. */
  liveFiles(): string[];
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    products?: number;
    settings?: Partial<SyncSettings>;
    store?: KeyValueStore;
    openai?: StartFakeOpenAIOptions;
    queue?: SyncJobQueue;
    latencyMs?: number;
    /** A vector store set for this store (as OPENAI_VECTOR_STORE_ID is for the environment's). */
    vectorStoreId?: string;
  } = {},
): Promise<Harness> {
  const catalog = buildCatalog(options.products ?? 60);
  const woo = await startFakeWoo({
    products: catalog.products,
    variations: catalog.variations,
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
  const openai = await startFakeOpenAI({ vectorStorePollsUntilDone: 1, pollAfterMs: 1, ...options.openai });
  const dir = options.store ? null : mkdtempSync(path.join(os.tmpdir(), 'aisle-sync-'));
  const store = options.store ?? createEmbeddedStore({ dataDir: dir! });
  const client = createWooClient({
    baseUrl: woo.url,
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
    timeoutMs: 2000,
    retries: 1,
    retryBaseMs: 10,
    retryMaxMs: 50,
  });
  const logger = pino({ level: 'silent' });
  const settings: SyncSettings = { ...DEFAULT_SYNC_SETTINGS, shardSize: 50, debounceMs: 50, ...options.settings };
  const router = createSyncRouter({
    store,
    openai: new OpenAI({ apiKey: 'sk-test', baseURL: openai.baseURL, maxRetries: 0, timeout: 5000 }),
    woo: client,
    logger,
    config: settings,
    ...(options.queue ? { queue: options.queue } : {}),
    ...(options.vectorStoreId ? { vectorStoreId: options.vectorStoreId } : {}),
  });
  const app = createApp({
    logger,
    docs: createApiDocs({ version: 'test', maxMessageChars: 2000 }),
    maxBodyBytes: 32768,
    routers: [],
    before: [router],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    woo,
    openai,
    store,
    client,
    router,
    catalog,
    baseUrl,
    uploads: () => openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files').length,
    liveFiles: () => [...openai.state.vectorStores.values()].flatMap((vs) => [...vs.files.keys()]).sort(),
    async close() {
      await router.close();
      await new Promise((resolve) => server.close(resolve));
      await client.close();
      await woo.close();
      await openai.close();
      if (!options.store) {
        await store.close();
        rmSync(dir!, { recursive: true, force: true });
      }
    },
  };
}

export async function call(
  h: Pick<Harness, 'baseUrl'>,
  method: string,
  urlPath: string,
  init: { headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const res = await fetch(`${h.baseUrl}${urlPath}`, {
    method,
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
  });
  const text = await res.text();
  // Test responses are inspected field by field; loose typing keeps the assertions short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}
