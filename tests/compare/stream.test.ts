/**
 * compare_products and search_products through the real proxy: the fake OpenAI is scripted to
 * call them, the fake WooCommerce (plain HTTP, OAuth 1.0a) holds the store. The comparison
 * event must carry the store's live prices, never the synced copy.
 */
import type { ChatEvent, ChatHistory, ComparisonTable } from '../../proxy/src/contract/events';
import { priceHtml, type RawWooProduct } from '../fakes/woo';
import { streamChat } from '../helpers/proxy';
import { responsesRequests, startChatWorld, type ChatWorld } from '../chat/setup';

let world: ChatWorld;
let products: RawWooProduct[];
let a: RawWooProduct;
let b: RawWooProduct;

/** The fake store's products, with one product's fields changed (a new array: the fake keeps what it is given). */
function storeWith(id: number, change: Partial<RawWooProduct>): void {
  products = products.map((p) => (p.id === id ? { ...p, ...change } : p));
  world.woo.setProducts(products, world.catalog.variations);
}

beforeAll(async () => {
  // No card cache: every read is live, as it is after the cache's minute.
  world = await startChatWorld({ products: 40, env: { AISLE_PRODUCT_CACHE_TTL_S: '0' } });
  products = world.catalog.products;
  const simple = products.filter(
    (p) => p.type === 'simple' && p.status === 'publish' && p.catalog_visibility === 'visible' && p.stock_status === 'instock',
  );
  [a, b] = [simple[0]!, simple[1]!];
  storeWith(a.id, {
    average_rating: '4.50',
    rating_count: 8,
    attributes: [{ id: 0, name: 'חומר', slug: '', position: 0, visible: true, variation: false, options: ['כותנה', 'פוליאסטר'] }],
  });
  const sync = await fetch(`${world.proxy.url}/api/sync`, { method: 'POST' });
  if (sync.status !== 200) throw new Error(`catalog sync failed: ${sync.status}`);
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  world.openai.reset({ keepCatalog: true });
});
afterEach(() => {
  expect(world.openai.specViolations).toEqual([]);
});

const comparisonOf = (events: ChatEvent[]) =>
  events.filter((e): e is Extract<ChatEvent, { type: 'comparison' }> => e.type === 'comparison').map((e) => e.data);

/** The function_call_output the proxy sent back to the model in the turn's second request. */
function toolOutput(): Record<string, unknown> {
  const second = responsesRequests(world.openai)[1]!.body as { input: Array<{ type: string; output?: string }> };
  const output = second.input.find((i) => i.type === 'function_call_output');
  return JSON.parse(output!.output!) as Record<string, unknown>;
}

function compareTurn(ids: unknown[], text = 'הראשון זול יותר.') {
  world.openai.enqueue(
    { kind: 'function_call', name: 'compare_products', arguments: JSON.stringify({ product_ids: ids }) },
    { kind: 'text', text },
  );
}

test('compare_products streams a comparison event with live WooCommerce prices, stock and rating', async () => {
  // The price changes after the sync: the table must show the store's price now.
  storeWith(b.id, {
    price: '77.70',
    regular_price: '99.90',
    sale_price: '77.70',
    on_sale: true,
    price_html: priceHtml('99.90', '77.70'),
  });
  compareTurn([a.id, b.id]);
  const { status, events } = await streamChat(world.proxy.url, { message: 'תשווה בין השניים', thread_id: null });
  expect(status).toBe(200);
  const types = events.map((e) => e.type);
  expect(types.indexOf('comparison')).toBeGreaterThan(0);
  expect(types.indexOf('comparison')).toBeLessThan(types.lastIndexOf('text'));
  expect(types.at(-1)).toBe('done');

  const [table] = comparisonOf(events) as [ComparisonTable];
  expect(table.items.map((i) => i.id)).toEqual([a.id, b.id]);
  expect(table.items[0]).toMatchObject({
    name: a.name,
    permalink: a.permalink,
    stock_status: 'instock',
    rating: 4.5,
    rating_count: 8,
    attributes: { חומר: 'כותנה, פוליאסטר' },
  });
  expect(table.items[0]!.price_html).toContain(Number(a.price).toFixed(2));
  expect(table.items[1]).toMatchObject({ price_html: '77.70 ₪', regular_price_html: '99.90 ₪', rating: null, rating_count: 0 });
  expect(table.rows).toEqual(['חומר']);

  // The model reads a short summary, with the same live price.
  const output = toolOutput() as { compared: Array<{ id: number; price: string }> };
  expect(output.compared.map((c) => [c.id, c.price])).toEqual([
    [a.id, table.items[0]!.price_html],
    [b.id, '77.70 ₪'],
  ]);
  // Both tools are offered to the model, strict.
  const tools = (responsesRequests(world.openai)[0]!.body as { tools: Array<{ name?: string; strict?: boolean }> }).tools;
  expect(tools.filter((t) => t.name === 'compare_products' || t.name === 'search_products').map((t) => t.strict)).toEqual([
    true,
    true,
  ]);

  // Restored history rebuilds the table from live data, in its place among the text.
  const threadId = (events[0] as { thread_id: string }).thread_id;
  storeWith(b.id, { price: '70.00', sale_price: '70.00', price_html: priceHtml('99.90', '70.00') });
  const res = await fetch(`${world.proxy.url}/api/chat/history?thread_id=${threadId}`);
  const history = (await res.json()) as ChatHistory;
  const parts = history.messages[1]!.parts!;
  expect(parts.map((p) => p.type)).toEqual(['comparison', 'text']);
  const restored = (parts[0] as { data: ComparisonTable }).data;
  expect(restored.items.map((i) => [i.id, i.price_html])).toEqual([
    [a.id, table.items[0]!.price_html],
    [b.id, '70.00 ₪'],
  ]);
});

test.each([
  ['one product', () => [a.id], /2 to 4 different products; got 1/],
  ['five products', () => [a.id, b.id, 901, 902, 903], /2 to 4 different products; got 5/],
  ['a hidden product', () => [a.id, world.forbiddenIds[2]!], /not available to shoppers/],
  ['a draft', () => [world.forbiddenIds[0]!, b.id], /not available to shoppers/],
])('compare_products with %s: no table, and the model is told why', async (_name, ids, message) => {
  compareTurn(ids(), 'אי אפשר להשוות.');
  const { events } = await streamChat(world.proxy.url, { message: 'compare', thread_id: null });
  expect(comparisonOf(events)).toEqual([]);
  expect(events.at(-1)?.type).toBe('done');
  expect(String(toolOutput().error)).toMatch(message);
});

test('search_products runs on the synced catalog and returns IDs the model then shows', async () => {
  const target = products.find((p) => p.id === a.id)!;
  const words = target.name.split(/\s+/).slice(0, 2).join(' ');
  world.openai.enqueue(
    {
      kind: 'function_call',
      name: 'search_products',
      arguments: JSON.stringify({
        query: words,
        category: null,
        min_price: null,
        max_price: Number(target.price) + 1,
        in_stock: true,
        on_sale: null,
        attributes: null,
        sort: 'price_asc',
        limit: 5,
      }),
    },
    { kind: 'text', text: 'found' },
  );
  const { events } = await streamChat(world.proxy.url, { message: words, thread_id: null });
  expect(events.some((e) => e.type === 'status' && e.status === 'searching_catalog')).toBe(true);
  expect(events.filter((e) => e.type === 'products' || e.type === 'comparison')).toEqual([]);
  const output = toolOutput() as { results: Array<{ id: number; price: string; stock_status: string }>; total_matches: number };
  expect(output.results.map((r) => r.id)).toContain(a.id);
  expect(output.results.every((r) => r.stock_status === 'instock')).toBe(true);
  const prices = output.results.map((r) => Number.parseFloat(r.price));
  expect(prices).toEqual([...prices].sort((x, y) => x - y));
  expect(Math.max(...prices)).toBeLessThanOrEqual(Number(target.price) + 1);
});

test('search_products with a negative price: a clear error for the model', async () => {
  world.openai.enqueue(
    {
      kind: 'function_call',
      name: 'search_products',
      arguments: JSON.stringify({
        query: 'מזון',
        category: null,
        min_price: -10,
        max_price: null,
        in_stock: null,
        on_sale: null,
        attributes: null,
        sort: null,
        limit: null,
      }),
    },
    { kind: 'text', text: 'oops' },
  );
  await streamChat(world.proxy.url, { message: 'מזון', thread_id: null });
  expect(toolOutput().error).toBe('invalid filters: min_price: min_price cannot be negative');
});
