import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pino from 'pino';
import { createRuntimeFactory } from '../../proxy/src/app/runtime';
import { createChatRouter } from '../../proxy/src/chat/routes';
import { createChatService } from '../../proxy/src/chat/service';
import { createThreadRepository } from '../../proxy/src/chat/threads';
import { readResponseEvents } from '../../proxy/src/openai/upstream-stream';
import { loadConfig } from '../../proxy/src/config/load';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import { createOpenAITransport } from '../../proxy/src/openai/transport';
import { createWooClient } from '../../proxy/src/woo';
import {
  createMetrics,
  createMetricsRouter,
  httpMetricsMiddleware,
  instrumentChat,
  instrumentOpenAIFetch,
  instrumentWoo,
} from '../../proxy/src/metrics';
import { startFakeOpenAI } from '../fakes/openai';
import { buildCatalog, startFakeWoo } from '../fakes/woo';
import { streamChat } from '../helpers/proxy';
import { TEST_OPENAI_KEY, TEST_WOO_KEY, TEST_WOO_SECRET } from '../chat/setup';
import { sample, startApp } from './app';

const logger = pino({ level: 'silent' });

/** The real chat service and routes on fake OpenAI + fake WooCommerce, instrumented as compose.ts will wire them. */
async function startInstrumentedChat() {
  const woo = await startFakeWoo({ consumerKey: TEST_WOO_KEY, consumerSecret: TEST_WOO_SECRET });
  const catalog = buildCatalog(30, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const ids = catalog.products
    .filter((p) => p.status === 'publish' && p.catalog_visibility !== 'hidden' && p.type === 'simple')
    .slice(0, 3)
    .map((p) => p.id);
  const openai = await startFakeOpenAI({ apiKey: TEST_OPENAI_KEY, productIdsFor: (text) => (/dog/i.test(text) ? ids : []) });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-metrics-'));
  const store = createEmbeddedStore({ dataDir });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    AISLE_DATA_DIR: dataDir,
    OPENAI_API_KEY: TEST_OPENAI_KEY,
    OPENAI_BASE_URL: openai.baseURL,
    WOO_BASE_URL: woo.url,
    WOO_CONSUMER_KEY: TEST_WOO_KEY,
    WOO_CONSUMER_SECRET: TEST_WOO_SECRET,
  });
  const metrics = createMetrics({ defaultMetrics: false });
  const runtimes = createRuntimeFactory({ config, store, logger, tenants: null, multiStore: false, demo: null });
  const threads = createThreadRepository({ store, ttlDays: 30 });
  const runtimeFor = (shopper: { tenant: string }) => runtimes.forTenant(shopper.tenant);
  const chat = instrumentChat(createChatService({ runtimeFor, threads, logger }), metrics);
  const router = createChatRouter({
    chat,
    threads,
    runtimeFor,
    resolveShopper: async () => ({ owner: 'anonymous', tenant: 'default' }),
    limits: { maxMessageChars: 2000 },
    heartbeatMs: 15000,
  });
  const app = await startApp([router, createMetricsRouter({ metrics })], [httpMetricsMiddleware(metrics)]);
  return {
    app,
    openai,
    woo,
    ids,
    async metricsText() {
      return (await fetch(`${app.url}/metrics`)).text();
    },
    async close() {
      await app.close();
      // The runtime's WooCommerce client keeps a keep-alive pool open; close it so Jest can exit.
      await (await runtimes.forTenant('default')).woo?.close();
      await openai.close();
      await woo.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

test('after chats, /metrics shows turns started and finished, cards shown, errors and time to first text', async () => {
  const world = await startInstrumentedChat();
  try {
    const first = await streamChat(world.app.url, { message: 'dog food please', thread_id: null });
    expect(first.status).toBe(200);
    expect(first.events.find((e) => e.type === 'products')).toBeDefined();
    const second = await streamChat(world.app.url, { message: 'hello', thread_id: null });
    expect(second.events.at(-1)?.type).toBe('done');
    world.openai.enqueue({ kind: 'http_error', status: 500 });
    const failed = await streamChat(world.app.url, { message: 'hello again', thread_id: null });
    const error = failed.events.find((e) => e.type === 'error');
    expect(error).toBeDefined();

    const text = await world.metricsText();
    expect(sample(text, 'aisle_chats_started_total')).toBe(3);
    expect(sample(text, 'aisle_chats_finished_total{outcome="ok"}')).toBe(2);
    expect(sample(text, 'aisle_chats_finished_total{outcome="error"}')).toBe(1);
    expect(sample(text, `aisle_errors_total{type="${error?.type === 'error' ? error.code : ''}"}`)).toBe(1);
    expect(sample(text, 'aisle_products_shown_total')).toBe(world.ids.length);
    expect(sample(text, 'aisle_chat_time_to_first_text_seconds_count')).toBe(2);
    expect(sample(text, 'aisle_sse_streams_open')).toBe(0);
  } finally {
    await world.close();
  }
});

test('a shopper who goes away mid-stream is counted as aborted and the open-streams gauge goes back down', async () => {
  const world = await startInstrumentedChat();
  try {
    world.openai.enqueue({ kind: 'hang', ms: 1500 });
    const controller = new AbortController();
    const res = await fetch(`${world.app.url}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hello', thread_id: null }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // thread_id: the turn is running
    expect(sample(await world.metricsText(), 'aisle_sse_streams_open')).toBe(1);
    controller.abort();
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = await world.metricsText();
      if (sample(text, 'aisle_chats_finished_total{outcome="aborted"}') === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sample(text, 'aisle_chats_finished_total{outcome="aborted"}')).toBe(1);
    expect(sample(text, 'aisle_sse_streams_open')).toBe(0);
  } finally {
    await world.close();
  }
});

test('instrumented OpenAI fetch records time to first token and response duration; instrumented Woo times each call', async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  const openai = await startFakeOpenAI({ apiKey: TEST_OPENAI_KEY, firstTokenDelayMs: 120 });
  const woo = await startFakeWoo({ consumerKey: TEST_WOO_KEY, consumerSecret: TEST_WOO_SECRET, latencyMs: 30 });
  const catalog = buildCatalog(10, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  try {
    // As the proxy builds it: the undici transport, timed.
    const transport = createOpenAITransport();
    const client = new OpenAI({
      apiKey: TEST_OPENAI_KEY,
      baseURL: openai.baseURL,
      fetch: instrumentOpenAIFetch(metrics, transport.fetch),
      maxRetries: 0,
    });
    const response = await client.responses.create({ model: 'gpt-6-luna', input: 'hello', stream: true }).asResponse();
    let text = '';
    for await (const event of readResponseEvents(response)) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text.length).toBeGreaterThan(0);
    await client.models.list();
    await transport.close();

    const wooClient = instrumentWoo(
      createWooClient({ baseUrl: woo.url, consumerKey: TEST_WOO_KEY, consumerSecret: TEST_WOO_SECRET }),
      metrics,
    );
    const products = await wooClient.getProductsByIds(catalog.products.slice(0, 3).map((p) => p.id));
    expect(products.length).toBeGreaterThan(0);
    await wooClient.close();

    const exposition = await metrics.registry.metrics();
    expect(sample(exposition, 'aisle_openai_time_to_first_token_seconds_count')).toBe(1);
    const ttftSum = sample(exposition, 'aisle_openai_time_to_first_token_seconds_sum')!;
    expect(ttftSum).toBeGreaterThanOrEqual(0.12);
    // The first token cannot come after the end of the same stream (the fake's first request is slow: it compiles its spec).
    expect(ttftSum).toBeLessThanOrEqual(sample(exposition, 'aisle_openai_response_duration_seconds_sum{outcome="ok"}')!);
    expect(sample(exposition, 'aisle_openai_response_duration_seconds_count{outcome="ok"}')).toBe(2);
    const wooSum = sample(
      exposition,
      'aisle_woocommerce_request_duration_seconds_sum{operation="getProductsByIds",outcome="ok"}',
    );
    expect(wooSum).toBeGreaterThanOrEqual(0.03);
  } finally {
    await openai.close();
    await woo.close();
  }
});
