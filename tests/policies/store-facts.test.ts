/**
 * A connected store's facts reach its vector store as their own files, through the real proxy
 * on the fake OpenAI and a fake WooCommerce: pushed with `PUT /api/admin/store-facts`, written
 * by the sync after the catalog, replaced one by one when a page changes (old file removed only
 * after the new one is live), and a failed upload leaves the previous documents live.
 */
import { FACTS_KEYS, readFactsState } from '../../proxy/src/policies/facts-sync';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { signedAdminClient, waitFor } from '../helpers/signed-admin';

const SECRET = 'store-facts-secret-0123456789abcdefghijklmn';
const SITE = 'facts.example';
const OPENAI_KEY = fakeOpenAIKey('facts');
const WOO_KEY = 'ck_facts0123456789abcdef0123456789abcdef';
const WOO_SECRET = 'cs_facts0123456789abcdef0123456789abcdef';

let openai: FakeOpenAI;
let woo: FakeWoo;
let proxy: RunningProxy;

const signed = signedAdminClient({ baseUrl: () => proxy.url, site: SITE, secret: SECRET });

const page = (id: number, kind: string, slug: string, html: string) => ({
  id,
  kind,
  url: `${woo.url}/${slug}/`,
  title: slug,
  modified: '2026-12-01T10:00:00Z',
  content_html: html,
});

const facts = (refundsHtml: string) => ({
  pages: [
    page(12, 'refunds', 'refund_returns', refundsHtml),
    page(3, 'privacy', 'privacy-policy', '<p>We keep your address to ship orders.</p>'),
  ],
  shipping: {
    zones: [{ name: 'Israel', regions: ['Israel'], methods: [{ title: 'Flat rate', method: 'flat_rate', cost: '₪20.00' }] }],
  },
  contact: { store_name: 'Facts shop', address: ['1 Main St'], email: 'help@facts.example', phone: '+972 3 555 0000' },
});

/** The text of every file the store's vector store serves now, by file name. */
function servedDocuments(): Map<string, string> {
  const out = new Map<string, string>();
  for (const vs of openai.state.vectorStores.values())
    for (const id of vs.files.keys()) {
      const file = openai.state.files.get(id);
      if (file) out.set(file.object.filename, file.content.toString('utf8'));
    }
  return out;
}

const syncFinished = async (after: string | null) =>
  waitFor(async () => {
    const { body } = await signed('GET', '/api/admin/sync/status');
    return (body.state === 'succeeded' || body.state === 'failed') && body.last?.finished_at !== after ? body : null;
  }, 20_000);

beforeAll(async () => {
  woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  const catalog = buildCatalog(12, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
  proxy = await startProxy({
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
    AISLE_ENCRYPTION_KEY: 'store-facts-encryption-key-0123456789abcdef',
    AISLE_SYNC_DEBOUNCE_MS: '100',
  });
  const put = await signed('PUT', '/api/admin/config', {
    store_url: woo.url,
    woo: { consumer_key: WOO_KEY, consumer_secret: WOO_SECRET },
    openai_api_key: OPENAI_KEY,
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
  await woo?.close();
});

test('facts pushed before the first sync wait for it, then become their own files', async () => {
  const pushed = await signed('PUT', '/api/admin/store-facts', facts('<p>Returns within 30 days.</p><script>steal()</script>'));
  expect(pushed).toMatchObject({ status: 202, body: { stored: true, pages: 2, documents: 4, sync_scheduled: false } });
  expect(servedDocuments().size).toBe(0);

  expect((await signed('POST', '/api/admin/sync')).status).toBe(202);
  expect(await syncFinished(null)).toMatchObject({ state: 'succeeded' });
  const docs = servedDocuments();
  const names = [...docs.keys()].sort();
  expect(names).toEqual(expect.arrayContaining(['store-contact.md', 'store-page-12.md', 'store-page-3.md', 'store-shipping.md']));
  expect(names.some((n) => n.startsWith('aisle-catalog-'))).toBe(true);
  const refunds = docs.get('store-page-12.md')!;
  expect(refunds).toContain(`URL: ${woo.url}/refund_returns/`);
  expect(refunds).toContain('Returns within 30 days.');
  expect(refunds).not.toContain('steal');
  expect(docs.get('store-shipping.md')).toContain('Flat rate (flat_rate): ₪20.00');
  expect(docs.get('store-contact.md')).toContain('Phone: +972 3 555 0000');
});

test('an edited page replaces only its own file, after the new one is live', async () => {
  const store = (await proxy.aisle.runtimes.forTenant(SITE)).store;
  const before = (await readFactsState(store))!;
  const last = (await signed('GET', '/api/admin/sync/status')).body.last.finished_at as string;
  const pushed = await signed('PUT', '/api/admin/store-facts', facts('<p>Returns within 14 days only.</p>'));
  expect(pushed.body.sync_scheduled).toBe(true);
  await syncFinished(last);
  const after = (await readFactsState(store))!;
  expect(after.docs['page-12']!.fileId).not.toBe(before.docs['page-12']!.fileId);
  for (const key of ['page-3', 'shipping', 'contact']) expect(after.docs[key]).toEqual(before.docs[key]);
  const docs = servedDocuments();
  expect(docs.get('store-page-12.md')).toContain('Returns within 14 days only.');
  expect([...docs.values()].some((text) => text.includes('Returns within 30 days.'))).toBe(false);
  expect(openai.state.files.has(before.docs['page-12']!.fileId)).toBe(false);
  expect(await store.get(FACTS_KEYS.pending)).toBe('[]');
});

test('a failed upload keeps the previous documents live and leaves no file behind', async () => {
  const store = (await proxy.aisle.runtimes.forTenant(SITE)).store;
  const before = (await readFactsState(store))!;
  const filesBefore = openai.state.files.size;
  const last = (await signed('GET', '/api/admin/sync/status')).body.last.finished_at as string;
  openai.failNext('vector_store_file', { status: 'failed', last_error: { code: 'server_error', message: 'boom' } });
  await signed('PUT', '/api/admin/store-facts', facts('<p>Returns never.</p>'));
  const status = await syncFinished(last);
  // The catalog sync itself succeeded; the facts step failed and said so in the logs.
  expect(status.state).toBe('succeeded');
  expect(await readFactsState(store)).toEqual(before);
  expect(servedDocuments().get('store-page-12.md')).toContain('Returns within 14 days only.');
  expect(openai.state.files.size).toBe(filesBefore);
});

test('bad facts get a clear 400; an unsigned push is refused', async () => {
  const bad = await signed('PUT', '/api/admin/store-facts', { ...facts('<p>x</p>'), pages: [{ id: 1, kind: 'refunds' }] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('bad_request');
  const big = await signed('PUT', '/api/admin/store-facts', { ...facts('x'.repeat(200_001)) });
  expect(big.status).toBe(400);
  expect(big.body.error.message).toMatch(/content_html/);
  const unsigned = await fetch(`${proxy.url}/api/admin/store-facts`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(facts('<p>x</p>')),
  });
  expect(unsigned.status).toBe(401);
});
