import { startHarness, call, type Harness } from './harness';
import { HTML_BLOCK_PAGE } from '../fakes/woo';
import { SYNC_KEYS } from '../../proxy/src/sync';
import type { RawWooProduct } from '../fakes/woo';
import OpenAI, { toFile } from 'openai';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A successful first sync, then one product edited so the next sync has something to upload. */
async function syncedThenEdited(products = 60): Promise<{ hash: string; files: string[]; state: string | null }> {
  h = await startHarness({ products });
  const first = await call(h, 'POST', '/api/sync');
  expect(first.status).toBe(200);
  const edited = h.catalog.products.map((p): RawWooProduct =>
    p.id === firstSearchable().id ? { ...p, name: `${p.name} (new)` } : p,
  );
  h.woo.setProducts(edited, h.catalog.variations);
  return { hash: first.body.hash, files: h.liveFiles(), state: await h.store.get(SYNC_KEYS.state) };
}

function firstSearchable(): RawWooProduct {
  return h.catalog.products.find((p) => p.status === 'publish' && p.catalog_visibility === 'visible')!;
}

async function expectOldCatalogLive(before: { files: string[]; state: string | null }) {
  expect(h.liveFiles()).toEqual(before.files);
  expect(await h.store.get(SYNC_KEYS.state)).toBe(before.state);
  expect(await h.store.get(SYNC_KEYS.lock)).toBeNull();
  // Nothing uploaded by the failed run is left behind.
  expect([...h.openai.state.files.keys()].sort()).toEqual(before.files);
  const status = await call(h, 'GET', '/api/sync/status');
  expect(status.body.running).toBe(false);
  expect(status.body.last_error.code).toBeTruthy();
  expect(status.body.progress.phase).toBe('failed');
}

describe('WooCommerce faults leave the old catalog live and store no hash', () => {
  test('401: the API keys are rejected', async () => {
    const before = await syncedThenEdited();
    h.woo.failNext({
      type: 'status',
      status: 401,
      body: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } },
    });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('woocommerce_error');
    expect(res.body.message).toMatch(/WooCommerce.*(keys|credentials)/i);
    await expectOldCatalogLive(before);
  });

  test('404: a theme page instead of the REST route', async () => {
    const before = await syncedThenEdited();
    h.woo.failNext({ type: 'html', status: 404 });
    const res = await call(h, 'GET', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/404/);
    await expectOldCatalogLive(before);
  });

  test('HTML with status 200 instead of JSON', async () => {
    const before = await syncedThenEdited();
    h.woo.failNext({ type: 'html', status: 200 });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.message).toContain('Just a moment');
    expect(HTML_BLOCK_PAGE).toContain('Just a moment');
    await expectOldCatalogLive(before);
  });

  test('a timeout on every attempt', async () => {
    const before = await syncedThenEdited();
    h.woo.failNext({ type: 'hang', times: 2 });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/did not answer within/);
    await expectOldCatalogLive(before);
  });

  test('a 500 on page 2 of 3 (after the retry too)', async () => {
    const before = await syncedThenEdited(250);
    h.woo.failNext({ type: 'status', status: 500, times: 2, match: { path: '/products', page: 2 } });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/HTTP 500/);
    await expectOldCatalogLive(before);
  });

  test('a variations page that fails mid-way, after a changed shard was uploaded', async () => {
    const before = await syncedThenEdited(250);
    const uploadsBefore = h.uploads();
    // The edited product is on product page 1; its shard uploads while page 3's variations fail (and their retry).
    h.woo.failNext({ type: 'status', status: 500, times: 2, match: { path: '/wc/v3/variations', skip: 2 } });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/HTTP 500/);
    expect(h.uploads()).toBeGreaterThan(uploadsBefore);
    await expectOldCatalogLive(before);
  });

  test('a 500 on page 2 once is retried and the sync succeeds', async () => {
    await syncedThenEdited(250);
    h.woo.failNext({ type: 'status', status: 500, times: 1, match: { path: '/products', page: 2 } });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(200);
    expect(res.body.shards_uploaded).toBe(1);
  });

  test('X-WP-TotalPages missing: pages are read until a short page, with the same hash as with the header', async () => {
    h = await startHarness({ products: 250 });
    h.woo.failNext({ type: 'drop-pagination', total: true, times: 100 });
    const without = await call(h, 'POST', '/api/sync');
    expect(without.status).toBe(200);
    const searchable = h.catalog.products.filter(
      (p) => p.status === 'publish' && ['visible', 'search'].includes(p.catalog_visibility),
    );
    expect(without.body.products_count).toBe(searchable.length);
    h.woo.clearFaults();
    const withHeader = await call(h, 'POST', '/api/sync');
    expect(withHeader.body).toMatchObject({ status: 'skipped', hash: without.body.hash });
  });
});

describe('OpenAI faults leave the old catalog live and store no hash', () => {
  test('the file upload fails', async () => {
    const before = await syncedThenEdited();
    h.openai.failNext('files.create', { status: 500 }, 3);
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('openai_error');
    expect(res.body.message).toMatch(/OpenAI.*HTTP 500/);
    await expectOldCatalogLive(before);
  });

  test('the vector-store file ends failed: the new file is removed', async () => {
    const before = await syncedThenEdited();
    h.openai.failNext('vector_store_file', {
      status: 'failed',
      last_error: { code: 'invalid_file', message: 'The file could not be parsed.' },
    });
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('indexing_failed');
    expect(res.body.message).toContain('The file could not be parsed.');
    await expectOldCatalogLive(before);
  });

  test('a 429 with retry-after is waited out and the sync succeeds', async () => {
    const before = await syncedThenEdited();
    h.openai.failNext('files.create', { status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const res = await call(h, 'POST', '/api/sync');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(res.body.shards_uploaded).toBe(1);
    expect(res.body.hash).not.toBe(before.hash);
    // The replaced file is gone, the others are kept.
    expect(h.liveFiles()).toHaveLength(before.files.length);
    expect(h.liveFiles().filter((id) => before.files.includes(id))).toHaveLength(before.files.length - 1);
  });
});

test('a crash between upload and swap: the next sync deletes the orphaned file', async () => {
  const before = await syncedThenEdited();
  // What a run that died after uploading leaves: a file attached to the store and recorded as pending, no new state.
  const sdk = new OpenAI({ apiKey: 'sk-test', baseURL: h.openai.baseURL });
  const vs = [...h.openai.state.vectorStores.keys()][0]!;
  const orphan = await sdk.files.create({
    file: await toFile(Buffer.from('## orphan'), 'aisle-catalog-x.md'),
    purpose: 'assistants',
  });
  await sdk.vectorStores.files.create(vs, { file_id: orphan.id });
  await h.store.set(
    SYNC_KEYS.pendingFiles,
    JSON.stringify([{ fileId: orphan.id, shard: '0-49', vectorStoreId: vs, at: new Date().toISOString() }]),
  );
  expect(h.liveFiles()).toContain(orphan.id);

  const res = await call(h, 'POST', '/api/sync');
  expect(res.status).toBe(200);
  expect(h.liveFiles()).not.toContain(orphan.id);
  expect(h.openai.state.files.has(orphan.id)).toBe(false);
  expect(JSON.parse((await h.store.get(SYNC_KEYS.pendingFiles))!)).toEqual([]);
  expect(h.liveFiles()).toHaveLength(before.files.length);
});
