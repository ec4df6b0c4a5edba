/**
 * Variations are read for a whole product page at once (GET /wc/v3/variations?parent=…), never one
 * request per variable product, and give the same catalog as the per-product reads older stores need.
 */
import { markDirty } from '../../proxy/src/sync/webhook';
import { startEngineHarness, type EngineHarness } from './engine-harness';

let e: EngineHarness | undefined;
let other: EngineHarness | undefined;
afterEach(async () => {
  await e?.close();
  await other?.close();
  e = other = undefined;
});

const perProduct = /^\/wp-json\/wc\/v3\/products\/\d+\/variations$/;
const bulk = '/wp-json/wc/v3/variations';

test('a full sync reads variations per product page, and asks only for shown variable products', async () => {
  e = await startEngineHarness({ products: 450 });
  const result = await e.run('full');
  expect(result.status).toBe('success');
  const requests = e.woo.requests;
  expect(requests.filter((r) => perProduct.test(r.path))).toHaveLength(0);
  const productPages = requests.filter((r) => r.path === '/wp-json/wc/v3/products');
  const variationReads = requests.filter((r) => r.path === bulk);
  expect(variationReads.length).toBeGreaterThan(0);
  expect(variationReads.length).toBeLessThanOrEqual(productPages.length);

  const shown = new Set(
    e.catalog.products
      .filter((p) => p.type === 'variable' && p.status === 'publish' && ['visible', 'search'].includes(p.catalog_visibility))
      .map((p) => p.id),
  );
  const asked = variationReads.flatMap((r) => r.query.parent!.split(',').map(Number));
  expect(new Set(asked)).toEqual(shown);
  // Hidden, draft and private variable products exist in the catalog, and their variations were never asked for.
  expect(e.catalog.products.some((p) => p.type === 'variable' && !shown.has(p.id))).toBe(true);
});

test('the same catalog hash as reading variations per product (a store before WooCommerce 10.3)', async () => {
  e = await startEngineHarness({ products: 300 });
  other = await startEngineHarness({ products: 300, variationsRoute: false });
  const [bulkRun, perProductRun] = [await e.run('full'), await other.run('full')];
  expect(perProductRun.hash).toBe(bulkRun.hash);
  expect(perProductRun.products_count).toBe(bulkRun.products_count);
  // The old store was asked once per page at most, then per product.
  expect(other.woo.requests.filter((r) => perProduct.test(r.path)).length).toBeGreaterThan(10);
  expect(other.woo.requests.filter((r) => r.path === bulk && r.status === 404).length).toBeLessThanOrEqual(4);
  expect(e.woo.requests.filter((r) => perProduct.test(r.path))).toHaveLength(0);
});

test('an incremental sync after a variation changed: one variations request, one shard uploaded', async () => {
  e = await startEngineHarness({ products: 300 });
  // The generator spreads modification dates into the future; in the past, modified_after finds nothing else.
  const products = e.catalog.products.map((p) => ({
    ...p,
    date_modified_gmt: '2026-01-01T00:00:00',
    date_modified: '2026-01-01T02:00:00',
  }));
  e.woo.setProducts(products, e.catalog.variations);
  await e.run('full');
  const parent = products.find((p) => p.type === 'variable' && p.status === 'publish' && p.catalog_visibility === 'visible')!;
  const variations = e.catalog.variations[parent.id]!.map((v, i) =>
    i === 0 ? { ...v, price: '1.50', regular_price: '1.50' } : v,
  );
  e.woo.setProducts(products, { ...e.catalog.variations, [parent.id]: variations });
  await markDirty(e.store, { kind: 'changed', id: parent.id });
  const before = e.woo.requests.length;
  const result = await e.run('incremental');
  expect(result).toMatchObject({ status: 'success', mode: 'incremental', shards_uploaded: 1 });
  const made = e.woo.requests.slice(before);
  expect(made.filter((r) => r.path === bulk).map((r) => r.query.parent)).toEqual([String(parent.id)]);
  expect(made.filter((r) => perProduct.test(r.path))).toHaveLength(0);
});

test('product pages and variation reads overlap, each kind within the page concurrency', async () => {
  const inFlight = { products: 0, variations: 0 };
  const peak = { products: 0, variations: 0, total: 0 };
  const track = async <T>(kind: 'products' | 'variations', call: () => Promise<T>): Promise<T> => {
    inFlight[kind]++;
    peak[kind] = Math.max(peak[kind], inFlight[kind]);
    peak.total = Math.max(peak.total, inFlight.products + inFlight.variations);
    try {
      return await call();
    } finally {
      inFlight[kind]--;
    }
  };
  e = await startEngineHarness({
    products: 1200,
    latencyMs: 25,
    settings: { pageConcurrency: 2, shardSize: 200 },
    wrapWoo: (client) => ({
      listProducts: (params) => track('products', () => client.listProducts(params)),
      listVariationsOfProducts: (ids) => track('variations', () => client.listVariationsOfProducts(ids)),
      listVariations: (id) => client.listVariations(id),
      getProductsByIds: (ids) => client.getProductsByIds(ids),
    }),
  });
  expect((await e.run('full')).status).toBe('success');
  expect(peak.products).toBe(2);
  expect(peak.variations).toBe(2);
  // Without the overlap a worker fetches its page, then its variations: never more than 2 requests at once.
  expect(peak.total).toBeGreaterThan(2);
});
