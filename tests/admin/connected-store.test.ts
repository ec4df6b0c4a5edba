/**
 * A store connected from WordPress is first-class on the proxy: everything that
 * differs per store comes from what it pushed (currency, vector store, owner
 * controls), its status describes it, "Test connection" checks its keys, and its
 * catalog stays fresh and heals without the owner.
 */
import OpenAI from 'openai';
import type { ChatEvent, ProductCard } from '../../proxy/src/contract/events';
import { readSyncedCatalog, VECTOR_STORE_KEY } from '../../proxy/src/sync';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { buildCatalog, startFakeWoo, type Catalog, type FakeWoo } from '../fakes/woo';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, streamChat, type RunningProxy } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';
import { signedAdminClient, waitFor, type Json } from '../helpers/signed-admin';

const SECRET = 'connected-store-secret-0123456789abcdefghij';
const SITE = 'shop.example';
const OPENAI_KEY = fakeOpenAIKey('connected');
const WOO_KEY = 'ck_connected0123456789abcdef0123456789abcdef';
const WOO_SECRET = 'cs_connected0123456789abcdef0123456789abcdef';

let openai: FakeOpenAI;
let woo: FakeWoo;
let catalog: Catalog;
let proxy: RunningProxy;
let envVectorStore: string;
let counter = 0;

const signed = signedAdminClient({ baseUrl: () => proxy.url, site: SITE, secret: SECRET });

const config = (overrides: Json = {}) => ({
  store_url: woo.url,
  woo: { consumer_key: WOO_KEY, consumer_secret: WOO_SECRET },
  openai_api_key: OPENAI_KEY,
  store: {
    currency: 'USD',
    currency_symbol: '$',
    currency_position: 'left',
    decimals: 2,
    decimal_separator: '.',
    thousand_separator: ',',
    language: 'en_US',
  },
  controls: { daily_token_cap: 5_000_000, moderation: false, rate_session_per_min: 0, retention_days: 7 },
  ...overrides,
});

const shopper = () => ({
  headers: { authorization: `Bearer ${mintSessionToken(SECRET, SITE, `a:connected-shopper-${++counter}`)}` },
});
const cardsOf = (events: ChatEvent[]) =>
  events.flatMap((e) => (e.type === 'products' ? (e as { data: ProductCard[] }).data : []));

const syncFinished = () =>
  waitFor(async () => {
    const { body } = await signed('GET', '/api/admin/sync/status');
    return body.state === 'succeeded' || body.state === 'failed' ? body : null;
  }, 20_000);

beforeAll(async () => {
  woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  catalog = buildCatalog(30, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const visible = catalog.products.filter((p) => p.status === 'publish' && p.catalog_visibility !== 'hidden');
  const simple = visible.find((p) => p.type === 'simple' && p.stock_status === 'instock')!;
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY, productIdsFor: () => [simple.id] });
  // The environment's vector store belongs to the environment's store, never to a connected one.
  envVectorStore = (await new OpenAI({ apiKey: OPENAI_KEY, baseURL: openai.baseURL }).vectorStores.create({ name: 'env' })).id;
  proxy = await startProxy({
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_VECTOR_STORE_ID: envVectorStore,
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
    AISLE_ENCRYPTION_KEY: 'connected-store-encryption-key-0123456789abcdef',
    AISLE_SYNC_DEBOUNCE_MS: '100',
  });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
  await woo?.close();
});

test('what the store pushed decides its currency, controls and status', async () => {
  const put = await signed('PUT', '/api/admin/config', config());
  expect(put.status).toBe(200);
  const { body } = await signed('GET', '/api/admin/status');
  expect(body).toMatchObject({
    connected: true,
    store: { currency: 'USD', currency_symbol: '$', currency_position: 'left', language: 'en_US' },
    controls: { daily_token_cap: 5_000_000, moderation: false, rate_session_per_min: 0, retention_days: 7 },
    health: { mode: 'live', model: { configured: expect.any(String) }, problems: [] },
    spend: { daily_cap: 5_000_000, exhausted: false },
    catalog: { last_change_at: null },
  });
  const runtime = await proxy.aisle.runtimes.forTenant(SITE);
  expect(runtime.fromEnvironment).toBe(false);
  expect((await runtime.settings()).vectorStoreId).toBeNull();
});

test('a bad store body is refused with a clear 400 and nothing changes', async () => {
  const bad = await signed('PUT', '/api/admin/config', config({ store: { ...config().store, currency: 'dollars' } }));
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/store\.currency/);
  const { body } = await signed('GET', '/api/admin/status');
  expect(body.store.currency).toBe('USD');
});

test('"Test connection" checks every key in words, and a product-change ping arrives', async () => {
  const first = await signed('POST', '/api/admin/test');
  const byName = (checks: Json[]) => Object.fromEntries(checks.map((c) => [c.name, c]));
  expect(byName(first.body.checks)).toMatchObject({
    signature: { ok: true, code: 'ok' },
    openai: { ok: true, code: 'ok' },
    model: { ok: true, code: 'ok' },
    woocommerce: { ok: true, code: 'ok' },
    updates: { ok: false, code: 'updates_none_yet' },
    catalog: { ok: false, code: 'catalog_not_synced' },
  });
  const ping = await signed('POST', '/api/admin/catalog/changes', { product_ids: [], ping: true });
  expect(ping).toMatchObject({ status: 202, body: { queued: false } });
  const second = await signed('POST', '/api/admin/test');
  expect(byName(second.body.checks).updates).toMatchObject({ ok: true, code: 'ok', details: { last_at: expect.any(String) } });
});

test('a refused OpenAI key, a refused WooCommerce key and a retired model are each reported as such', async () => {
  await signed(
    'PUT',
    '/api/admin/config',
    config({
      openai_api_key: fakeOpenAIKey('refused'),
      woo: { consumer_key: 'ck_wrong0123456789abcdef0123456789', consumer_secret: 'cs_wrong0123456789abcdef0123456789' },
    }),
  );
  const refused = await signed('POST', '/api/admin/test');
  const checks = Object.fromEntries((refused.body.checks as Json[]).map((c) => [c.name, c]));
  expect(checks.openai).toMatchObject({ ok: false, code: 'openai_key_refused' });
  expect(checks.woocommerce).toMatchObject({ ok: false, code: 'woo_key_refused' });
  expect(refused.body.ok).toBe(false);

  await signed('PUT', '/api/admin/config', config({ model: 'gpt-1-retired' }));
  const retired = await signed('POST', '/api/admin/test');
  const model = (retired.body.checks as Json[]).find((c) => c.name === 'model');
  expect(model).toMatchObject({ ok: false, code: 'model_missing', details: { model: 'gpt-1-retired' } });
  await signed('PUT', '/api/admin/config', config());
});

test('the connected store syncs into its own vector store, and its cards carry its currency', async () => {
  const start = await signed('POST', '/api/admin/sync');
  expect([200, 202]).toContain(start.status);
  expect(await syncFinished()).toMatchObject({ state: 'succeeded' });
  const runtime = await proxy.aisle.runtimes.forTenant(SITE);
  const own = await runtime.store.get(VECTOR_STORE_KEY);
  expect(own).toMatch(/^vs_/);
  expect(own).not.toBe(envVectorStore);
  expect((await runtime.settings()).vectorStoreId).toBe(own);

  const { events } = await streamChat(proxy.url, { message: 'something for my dog', thread_id: null }, shopper());
  const cards = cardsOf(events);
  expect(cards.length).toBeGreaterThan(0);
  expect(cards.every((c) => c.currency === 'USD')).toBe(true);
  // The request file_search went with named the store's own vector store.
  const tools = openai.requests.filter((r) => r.path === '/v1/responses').at(-1)!.body as { tools: Json[] };
  expect(tools.tools.find((t) => t.type === 'file_search')?.vector_store_ids).toEqual([own]);
});

test("the owner's budget and pace apply to this store's shoppers", async () => {
  await signed('PUT', '/api/admin/config', config({ controls: { daily_token_cap: 1, rate_session_per_min: 2 } }));
  const headers = shopper();
  const first = await streamChat(proxy.url, { message: 'dog', thread_id: null }, headers);
  expect(first.events.at(-1)?.type).toBe('done');
  const resting = await streamChat(proxy.url, { message: 'dog', thread_id: null }, headers);
  expect(resting.events).toContainEqual(
    expect.objectContaining({ type: 'text', content: expect.stringMatching(/resting for today/) }),
  );
  const third = await fetch(`${proxy.url}/api/chat/stream`, {
    method: 'POST',
    headers: { ...headers.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'dog', thread_id: null }),
  });
  expect(third.status).toBe(429);
  expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
  const { body } = await signed('GET', '/api/admin/status');
  expect(body.spend).toMatchObject({ daily_cap: 1, exhausted: true });
  expect(body.health.problems).toEqual([expect.stringMatching(/budget is spent/)]);
  await signed('PUT', '/api/admin/config', config());
});

test('a price saved in the store reaches the next card and the catalog through a pushed change', async () => {
  const runtime = await proxy.aisle.runtimes.forTenant(SITE);
  const product = catalog.products.find(
    (p) => p.status === 'publish' && p.type === 'simple' && p.catalog_visibility !== 'hidden',
  )!;
  const before = (await runtime.products.getCards([product.id])).cards[0]!;
  const newPrice = String(Number(before.price) + 11);
  Object.assign(product, {
    price: newPrice,
    regular_price: newPrice,
    sale_price: '',
    on_sale: false,
    date_modified_gmt: new Date().toISOString().slice(0, 19),
  });
  woo.setProducts(catalog.products, catalog.variations);
  const pushed = await signed('POST', '/api/admin/catalog/changes', { product_ids: [product.id] });
  expect(pushed).toMatchObject({ status: 202, body: { queued: true, received: 1 } });
  expect((await runtime.products.getCards([product.id])).cards[0]!.price).toBe(newPrice);
  // The debounced incremental sync writes the new price into the store's catalog.
  await waitFor(async () => {
    const synced = await readSyncedCatalog(runtime.store);
    return synced.find((p) => p.id === product.id)?.price === newPrice;
  }, 15_000);
});

test('a vector store deleted at OpenAI is noticed, chat goes on without it, and a sync builds a new one', async () => {
  const runtime = await proxy.aisle.runtimes.forTenant(SITE);
  const gone = (await runtime.store.get(VECTOR_STORE_KEY))!;
  await new OpenAI({ apiKey: OPENAI_KEY, baseURL: openai.baseURL }).vectorStores.delete(gone);

  const test = await signed('POST', '/api/admin/test');
  expect((test.body.checks as Json[]).find((c) => c.name === 'catalog')).toMatchObject({ ok: false, code: 'catalog_missing' });
  // Until the new store is there, chat asks without file_search and still shows cards.
  const healed = await waitFor(async () => {
    const id = await runtime.store.get(VECTOR_STORE_KEY);
    const { body } = await signed('GET', '/api/admin/sync/status');
    return id && id !== gone && body.state === 'succeeded' ? id : null;
  }, 20_000);
  expect((await runtime.settings()).vectorStoreId).toBe(healed);
  const { events } = await streamChat(proxy.url, { message: 'dog', thread_id: null }, shopper());
  expect(events.at(-1)?.type).toBe('done');
  expect(events.some((e) => e.type === 'error')).toBe(false);
});

test('a turn that finds the vector store gone is answered next time without file_search, and the store is rebuilt', async () => {
  const runtime = await proxy.aisle.runtimes.forTenant(SITE);
  await waitFor(async () => (await signed('GET', '/api/admin/sync/status')).body.state !== 'running', 20_000);
  const gone = (await runtime.store.get(VECTOR_STORE_KEY))!;
  // Deleted in the OpenAI dashboard: the next turn's file_search names a store OpenAI answers 404 for.
  await new OpenAI({ apiKey: OPENAI_KEY, baseURL: openai.baseURL }).vectorStores.delete(gone);
  const failed = await streamChat(proxy.url, { message: 'dog', thread_id: null }, shopper());
  expect(failed.events).toContainEqual(expect.objectContaining({ type: 'error', retryable: true }));
  expect(failed.events.at(-1)?.type).toBe('done');

  const rebuilt = await waitFor(async () => {
    const id = await runtime.store.get(VECTOR_STORE_KEY);
    return id && id !== gone ? id : null;
  }, 20_000);
  const next = await streamChat(proxy.url, { message: 'dog', thread_id: null }, shopper());
  expect(next.events.some((e) => e.type === 'error')).toBe(false);
  const body = openai.requests.filter((r) => r.path === '/v1/responses').at(-1)!.body as { tools: Json[] };
  expect(body.tools.find((t) => t.type === 'file_search')?.vector_store_ids).toEqual([rebuilt]);
});

test('the safety pass syncs every connected store without anyone asking', async () => {
  const before = (await signed('GET', '/api/admin/sync/status')).body.last.finished_at as string;
  await proxy.aisle.catalog.safetyPass();
  const after = await syncFinished();
  expect(after.last.finished_at > before).toBe(true);
  // Claimed for this interval: a second pass right away does not sync again.
  await proxy.aisle.catalog.safetyPass();
  expect((await signed('GET', '/api/admin/sync/status')).body.last.finished_at).toBe(after.last.finished_at);
});
