/**
 * show_products cost: at most one batched WooCommerce request per call,
 * none on a cache hit. Requests are counted where they arrive: on the fake store.
 */
import { isShopperVisible, shopperVariations } from '../../proxy/src/catalog/cards';
import { createProductService, type ProductService } from '../../proxy/src/catalog/products';
import type { ProductSource } from '../../proxy/src/catalog/types';
import { createDemoProductSource, demoHomeProduct, loadDemoCatalog } from '../../proxy/src/demo/catalog';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import type { WooClient } from '../../proxy/src/woo';
import { buildCatalog, startFakeWoo, type Catalog, type FakeWoo, type RawWooProduct } from '../fakes/woo';
import { clientFor } from '../woo/helpers';

let woo: FakeWoo;
let client: WooClient;
let catalog: Catalog;
let simpleIds: number[];
let variableIds: number[];
let store: KeyValueStore;

/** Visible variable products with something to buy: WooCommerce marks the parent in stock then. */
const buyableVariable = (p: RawWooProduct) => p.type === 'variable' && isShopperVisible(p) && p.stock_status === 'instock';

beforeAll(async () => {
  woo = await startFakeWoo();
  catalog = buildCatalog(80, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  client = clientFor(woo);
  simpleIds = catalog.products
    .filter((p) => p.type === 'simple' && isShopperVisible(p))
    .slice(0, 5)
    .map((p) => p.id);
  variableIds = catalog.products
    .filter(buyableVariable)
    .slice(0, 4)
    .map((p) => p.id);
  // The scenarios below need these; a smaller generated catalog would make them vacuous.
  expect(simpleIds).toHaveLength(5);
  expect(variableIds).toHaveLength(4);
});

afterAll(async () => {
  await client?.close();
  await woo?.close();
});

beforeEach(() => {
  store = createEmbeddedStore({ dataDir: ':memory:' });
});

afterEach(async () => {
  await store.close();
});

function serviceFor(source: ProductSource = client, ttlSeconds = 60): ProductService {
  return createProductService({ source, store, currency: 'ILS', allowedHosts: new Set(), ttlSeconds });
}

/** What the sync does for a variable product: read its variations from WooCommerce and hand them over. */
async function syncVariations(products: ProductService, ids: number[]): Promise<void> {
  for (const id of ids) await products.rememberVariations(id, await client.listVariations(id));
}

/** Runs `call` and returns its result with the WooCommerce requests it made. */
async function counted<T>(call: () => Promise<T>): Promise<{ result: T; requests: FakeWoo['requests'] }> {
  const before = woo.requests.length;
  const result = await call();
  return { result, requests: woo.requests.slice(before) };
}

/** The variations a shopper can buy, as the store has them: id → price. */
function storeVariationPrices(id: number): Record<number, string> {
  return Object.fromEntries(shopperVariations(catalog.variations[id] ?? []).map((v) => [v.id, v.price]));
}

const pricesOf = (variations: Array<{ id: number; price: string }>) => Object.fromEntries(variations.map((v) => [v.id, v.price]));

const productById = (id: number) => catalog.products.find((p) => p.id === id)!;

test('5 simple + 3 variable products with synced variations: one batched request, then none', async () => {
  const products = serviceFor();
  const variable = variableIds.slice(0, 3);
  await syncVariations(products, variable);
  const ids = [...simpleIds, ...variable];

  const cold = await counted(() => products.getCards(ids));
  expect(cold.requests.map((r) => r.path)).toEqual(['/wp-json/wc/v3/products']);
  expect(
    cold.requests[0]!.query.include!.split(',')
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual([...ids].sort((a, b) => a - b));
  expect(cold.result.cards.map((c) => c.id)).toEqual(ids);
  for (const id of variable) {
    const card = cold.result.cards.find((c) => c.id === id)!;
    expect(card.variations.length).toBeGreaterThan(0);
    expect(pricesOf(card.variations)).toEqual(storeVariationPrices(id));
  }

  const warm = await counted(() => products.getCards(ids));
  expect(warm.requests).toHaveLength(0);
  expect(warm.result.cards).toEqual(cold.result.cards);
});

test('a variable product never synced: one request, and a card listing its options for the product page', async () => {
  const products = serviceFor();
  const [id] = variableIds;
  const { result, requests } = await counted(() => products.getCards([id!]));
  expect(requests).toHaveLength(1);
  expect(requests[0]!.path).toBe('/wp-json/wc/v3/products');

  const product = productById(id!);
  const [card] = result.cards;
  expect(card!.variations).toEqual([]);
  expect(card!.variation_attributes).toEqual(
    product.attributes.filter((a) => a.variation).map((a) => ({ name: a.name, options: a.options })),
  );
  expect(card!.variation_attributes!.length).toBeGreaterThan(0);
  expect(card!.permalink).toBe(product.permalink);
  expect(card!.stock_status).toBe(product.stock_status);
  expect(card!.price).toBe(product.price);
});

test('remembered variations replace the options-only card at once, with their prices', async () => {
  const products = serviceFor();
  const [id] = variableIds;
  const before = await products.getCards([id!]);
  expect(before.cards[0]!.variations).toEqual([]);

  await syncVariations(products, [id!]);
  const { result, requests } = await counted(() => products.getCards([id!]));
  // The cached options-only card was dropped: one request for the live parent, variations from the sync.
  expect(requests).toHaveLength(1);
  expect(result.cards[0]!.variation_attributes).toBeUndefined();
  expect(pricesOf(result.cards[0]!.variations)).toEqual(storeVariationPrices(id!));
});

test('remembering the same variations again keeps the cached card', async () => {
  const products = serviceFor();
  const [id] = variableIds;
  await syncVariations(products, [id!]);
  await products.getCards([id!]);
  await syncVariations(products, [id!]);
  const { requests } = await counted(() => products.getCards([id!]));
  expect(requests).toHaveLength(0);
});

test('invalidation drops cards but keeps remembered variations', async () => {
  const products = serviceFor();
  const [one, two] = variableIds;
  await syncVariations(products, [one!, two!]);
  await products.getCards([one!, two!]);

  await products.invalidate([one!]);
  const some = await counted(() => products.getCards([one!, two!]));
  expect(some.requests).toHaveLength(1);
  expect(some.requests[0]!.query.include).toBe(String(one));
  expect(pricesOf(some.result.cards[0]!.variations)).toEqual(storeVariationPrices(one!));

  await products.invalidate();
  const all = await counted(() => products.getCards([one!, two!]));
  expect(all.requests).toHaveLength(1);
  expect(all.result.cards.map((c) => pricesOf(c.variations))).toEqual([storeVariationPrices(one!), storeVariationPrices(two!)]);
});

test('only the fields cards use are stored for remembered variations', async () => {
  const products = createProductService({
    source: client,
    store,
    currency: 'ILS',
    allowedHosts: new Set(),
    ttlSeconds: 60,
    keyPrefix: 'only-variations:',
  });
  const [id] = variableIds;
  const full = await client.listVariations(id!);
  expect(full[0]!.sku).not.toBe('');
  await products.rememberVariations(id!, full);
  const stored = await Promise.all((await store.keys('only-variations:')).map((k) => store.get(k)));
  expect(stored).toHaveLength(1);
  const [variation] = JSON.parse(stored[0]!) as Array<Record<string, unknown>>;
  expect(Object.keys(variation!).sort()).toEqual(
    ['attributes', 'id', 'on_sale', 'price', 'purchasable', 'regular_price', 'sale_price', 'status', 'stock_status'].sort(),
  );
});

test('WooCommerce down: the last known cards, variations included, marked stale', async () => {
  const products = serviceFor(client, 0);
  const ids = [simpleIds[0]!, variableIds[0]!];
  await syncVariations(products, [variableIds[0]!]);
  const live = await products.getCards(ids);
  expect(live.stale).toBe(false);

  woo.failNext({ type: 'reset', times: 50 });
  try {
    const down = await products.getCards(ids);
    expect(down.stale).toBe(true);
    expect(down.cards).toEqual(live.cards.map((c) => ({ ...c, stale: true })));
    expect(down.cards[1]!.variations.length).toBeGreaterThan(0);
  } finally {
    woo.clearFaults();
  }
});

test('a parent now out of stock offers none of its remembered variations', async () => {
  const products = serviceFor(client, 0);
  const [id] = variableIds;
  await syncVariations(products, [id!]);
  const soldOut = catalog.products.map((p) => (p.id === id ? { ...p, stock_status: 'outofstock' as const } : p));
  woo.setProducts(soldOut, catalog.variations);
  try {
    const { cards } = await products.getCards([id!]);
    expect(cards[0]!.stock_status).toBe('outofstock');
    expect(cards[0]!.variations).toEqual([]);
  } finally {
    woo.setProducts(catalog.products, catalog.variations);
  }
});

test('the demo catalog shows its variations without a sync', async () => {
  const demo = loadDemoCatalog({ baseUrl: 'http://localhost:8000' });
  const home = demoHomeProduct(demo);
  expect(home.type).toBe('variable');
  const { cards } = await serviceFor(createDemoProductSource(demo)).getCards([home.id]);
  expect(pricesOf(cards[0]!.variations)).toEqual(
    Object.fromEntries(shopperVariations(demo.variations.get(home.id) ?? []).map((v) => [v.id, v.price])),
  );
  expect(cards[0]!.variations.length).toBeGreaterThan(0);
});
