import { createHmac } from 'node:crypto';
import { startHarness, call, type Harness } from './harness';
import { SYNC_KEYS, readSyncedCatalog } from '../../proxy/src/sync';
import type { RawWooProduct } from '../fakes/woo';

const SECRET = 'whsec-test-0123456789';
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const sign = (body: string | Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');
const nowWp = () => new Date().toISOString().slice(0, 19);

function edit(id: number, patch: Partial<RawWooProduct>) {
  const products = h.catalog.products.map((p) => (p.id === id ? { ...p, ...patch, date_modified_gmt: nowWp() } : p));
  h.woo.setProducts(products, h.catalog.variations);
  h.catalog.products = products;
}

const searchable = () =>
  h.catalog.products.filter((p) => p.status === 'publish' && p.catalog_visibility === 'visible' && p.type === 'simple');

async function waitFor(check: () => Promise<boolean>, ms = 8000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}

test('incremental sync after one changed product uploads one shard and agrees with a full sync', async () => {
  h = await startHarness({ products: 120 });
  await call(h, 'POST', '/api/sync');
  const target = searchable()[3]!;
  edit(target.id, { regular_price: '999.00', price: '999.00', sale_price: '', on_sale: false });
  const uploads = h.uploads();
  const inc = await call(h, 'POST', '/api/sync?mode=incremental');
  expect(inc.status).toBe(200);
  expect(inc.body).toMatchObject({ status: 'success', mode: 'incremental', shards_uploaded: 1 });
  expect(h.uploads() - uploads).toBe(1);
  const synced = await readSyncedCatalog(h.store);
  expect(synced.find((p) => p.id === target.id)?.price).toBe('999.00');
  // A full sync of the same catalog computes the same hash: nothing to do.
  const full = await call(h, 'POST', '/api/sync');
  expect(full.body).toMatchObject({ status: 'skipped', hash: inc.body.hash });
});

test('a signed product.updated webhook is debounced into one incremental sync and drops the product card', async () => {
  h = await startHarness({ products: 120, settings: { webhookSecret: SECRET, debounceMs: 100 } });
  await call(h, 'POST', '/api/sync');
  const [a, b] = [searchable()[1]!, searchable()[2]!];
  edit(a.id, { name: 'שם חדש לגמרי' });
  edit(b.id, { status: 'draft' });
  const uploads = h.uploads();
  for (const p of [a, b]) {
    const body = JSON.stringify({ id: p.id, name: p.name });
    const res = await call(h, 'POST', '/api/webhooks/woocommerce', {
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'product.updated',
        'x-wc-webhook-signature': sign(body),
      },
      body,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ queued: true, product_id: p.id });
  }
  await waitFor(async () => (await call(h, 'GET', '/api/sync/status')).body.last_result?.mode === 'incremental');
  await h.router.debouncer.idle();
  const status = await call(h, 'GET', '/api/sync/status');
  expect(status.body.last_result).toMatchObject({ status: 'success', mode: 'incremental' });
  expect(h.uploads() - uploads).toBe(status.body.last_result.shards_uploaded);
  expect(status.body.last_result.shards_uploaded).toBeLessThanOrEqual(2);
  const synced = await readSyncedCatalog(h.store);
  expect(synced.find((p) => p.id === a.id)?.name).toBe('שם חדש לגמרי');
  expect(synced.find((p) => p.id === b.id)).toBeUndefined();
  expect(await h.store.keys(SYNC_KEYS.dirtyPrefix)).toEqual([]);
});

test('a product.deleted webhook removes the product', async () => {
  h = await startHarness({ products: 60, settings: { webhookSecret: SECRET, debounceMs: 20 } });
  await call(h, 'POST', '/api/sync');
  const gone = searchable()[0]!;
  h.catalog.products = h.catalog.products.filter((p) => p.id !== gone.id);
  h.woo.setProducts(h.catalog.products, h.catalog.variations);
  const body = JSON.stringify({ id: gone.id });
  const res = await call(h, 'POST', '/api/webhooks/woocommerce', {
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'product.deleted',
      'x-wc-webhook-signature': sign(body),
    },
    body,
  });
  expect(res.status).toBe(202);
  await waitFor(async () => (await readSyncedCatalog(h.store)).every((p) => p.id !== gone.id));
  await h.router.debouncer.idle();
  expect((await call(h, 'GET', '/api/sync/status')).body.last_result.shards_uploaded).toBe(1);
});

test('a wrong signature gets 401 and queues nothing; an oversize body gets 413; the creation ping gets 200', async () => {
  h = await startHarness({ products: 30, settings: { webhookSecret: SECRET, debounceMs: 20, webhookMaxBytes: 2048 } });
  const body = JSON.stringify({ id: 101 });
  const bad = await call(h, 'POST', '/api/webhooks/woocommerce', {
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'product.updated',
      'x-wc-webhook-signature': sign(body, 'another-secret'),
    },
    body,
  });
  expect(bad.status).toBe(401);
  expect(bad.body.error.code).toBe('invalid_signature');
  const unsigned = await call(h, 'POST', '/api/webhooks/woocommerce', {
    headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'product.updated' },
    body,
  });
  expect(unsigned.status).toBe(401);
  const big = JSON.stringify({ id: 101, description: 'x'.repeat(5000) });
  const oversize = await call(h, 'POST', '/api/webhooks/woocommerce', {
    headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'product.updated', 'x-wc-webhook-signature': sign(big) },
    body: big,
  });
  expect(oversize.status).toBe(413);
  expect(oversize.body.error.code).toBe('payload_too_large');
  const ping = await call(h, 'POST', '/api/webhooks/woocommerce', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'webhook_id=17',
  });
  expect(ping.status).toBe(200);
  expect(ping.body).toMatchObject({ ok: true, ping: true });
  await new Promise((r) => setTimeout(r, 100));
  expect(await h.store.keys(SYNC_KEYS.dirtyPrefix)).toEqual([]);
  expect(h.router.debouncer.pending()).toBe(false);
  expect(h.openai.requests).toHaveLength(0);
});

test('with AISLE_SYNC_SECRET the sync routes need the Bearer secret', async () => {
  h = await startHarness({ products: 20, settings: { syncSecret: 'sync-secret-0123456789' } });
  expect((await call(h, 'GET', '/api/sync')).status).toBe(401);
  expect((await call(h, 'GET', '/api/sync', { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
  expect((await call(h, 'GET', '/api/sync/status')).status).toBe(401);
  expect(h.openai.requests).toHaveLength(0);
  const ok = await call(h, 'GET', '/api/sync', { headers: { authorization: 'Bearer sync-secret-0123456789' } });
  expect(ok.status).toBe(200);
  expect(ok.body.status).toBe('success');
});
