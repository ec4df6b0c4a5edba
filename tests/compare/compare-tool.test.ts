import type { ProductLike, ProductSource } from '../../proxy/src/catalog/types';
import { compareProductsTool, createCompareTool } from '../../proxy/src/compare';
import type { ChatEvent, ComparisonTable } from '../../proxy/src/contract/events';
import { createDemoProductSource, loadDemoCatalog } from '../../proxy/src/demo';
import { runTool } from '../helpers/tool-run';

const HOST = 'shop.example';

function product(overrides: Partial<ProductLike> & { id: number }): ProductLike {
  return {
    name: `Product ${overrides.id}`,
    permalink: `https://${HOST}/product/${overrides.id}/`,
    type: 'simple',
    status: 'publish',
    catalog_visibility: 'visible',
    price: '10',
    regular_price: '10',
    sale_price: '',
    on_sale: false,
    price_html:
      '<span class="woocommerce-Price-amount amount"><bdi>10.00&nbsp;<span class="woocommerce-Price-currencySymbol">&#8362;</span></bdi></span>',
    stock_status: 'instock',
    average_rating: '0.00',
    rating_count: 0,
    attributes: [],
    ...overrides,
  };
}

/** A store in memory that counts its requests, like one batched WooCommerce call per comparison. */
function storeOf(products: ProductLike[]) {
  const calls: number[][] = [];
  let down = false;
  const source: ProductSource = {
    async getProductsByIds(ids) {
      calls.push(ids);
      if (down) throw new Error('connect ECONNREFUSED');
      return products.filter((p) => ids.includes(p.id));
    },
  };
  return { source, calls, goDown: () => (down = true) };
}

const STORE = [
  product({
    id: 1,
    name: 'Bed &amp; pillow',
    average_rating: '4.50',
    rating_count: 12,
    attributes: [
      { name: 'Size', options: ['S', 'M', 'L'], variation: true, visible: true },
      { name: 'Colour', options: ['Grey'], visible: true },
      { name: 'internal-code', options: ['X1'], visible: false },
    ],
  }),
  product({
    id: 2,
    price: '89.90',
    on_sale: true,
    price_html:
      '<del aria-hidden="true"><span class="woocommerce-Price-amount amount"><bdi>119.90&nbsp;&#8362;</bdi></span></del> <span class="screen-reader-text">Original price was: 119.90&nbsp;&#8362;.</span><ins aria-hidden="true"><span class="woocommerce-Price-amount amount"><bdi>89.90&nbsp;&#8362;</bdi></span></ins><span class="screen-reader-text">Current price is: 89.90&nbsp;&#8362;.</span>',
    stock_status: 'outofstock',
    attributes: [{ name: 'Material', options: ['Cotton', 'Foam'], visible: true }],
  }),
  product({ id: 3, permalink: 'https://elsewhere.example/p/3/', price_html: '', price: '15' }),
  product({ id: 4 }),
  product({ id: 5 }),
  product({ id: 7, status: 'draft' }),
  product({ id: 8, catalog_visibility: 'hidden' }),
  product({ id: 9, status: 'private' }),
];

async function compare(ids: unknown, store = storeOf(STORE)) {
  const tool = createCompareTool({ source: store.source, currency: 'ILS', allowedHosts: new Set([HOST]) });
  const { events, output } = await runTool(tool, { product_ids: ids });
  return { events, output: output as { error?: string; compared?: Array<Record<string, unknown>>; note?: string } };
}

const tableOf = (events: ChatEvent[]): ComparisonTable => {
  expect(events.map((e) => e.type)).toEqual(['comparison']);
  return (events[0] as Extract<ChatEvent, { type: 'comparison' }>).data;
};

describe('compare_products', () => {
  it('is strict and asks for product IDs only', () => {
    expect(compareProductsTool.strict).toBe(true);
    expect(compareProductsTool.parameters).toMatchObject({ required: ['product_ids'], additionalProperties: false });
  });

  it('builds the table from live products: price in the store format, stock, rating, attributes as rows', async () => {
    const store = storeOf(STORE);
    const { events, output } = await compare([1, 2, 3], store);
    expect(store.calls).toEqual([[1, 2, 3]]); // one batched request
    const table = tableOf(events);
    expect(table.items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(table.items[0]).toEqual({
      id: 1,
      name: 'Bed & pillow',
      permalink: `https://${HOST}/product/1/`,
      price_html: '10.00 ₪',
      stock_status: 'instock',
      rating: 4.5,
      rating_count: 12,
      attributes: { Size: 'S, M, L', Colour: 'Grey' },
    });
    // WooCommerce's sale markup: the sale price, and the regular one the store strikes through.
    expect(table.items[1]).toMatchObject({ price_html: '89.90 ₪', regular_price_html: '119.90 ₪' });
    expect(table.items[0]!.regular_price_html).toBeUndefined();
    expect(table.items[1]).toMatchObject({ stock_status: 'outofstock', rating: null, rating_count: 0 });
    // No price_html from the store: the amount and the currency; a link off the store is dropped.
    expect(table.items[2]).toMatchObject({ price_html: '15 ILS', permalink: '' });
    expect(table.rows).toEqual(['Size', 'Colour', 'Material']);
    expect(output.compared?.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(output.compared?.[0]).toMatchObject({ rating: '4.5 of 5 (12 reviews)', price: '10.00 ₪' });
    expect(output.compared?.[1]).toMatchObject({
      rating: 'no reviews',
      stock_status: 'outofstock',
      price: '89.90 ₪',
      on_sale: true,
      regular_price: '119.90 ₪',
    });
    expect(output.note).toMatch(/do not repeat the table/);
  });

  it('keeps the order the model asked for and ignores a repeated ID', async () => {
    const { events } = await compare([4, 1, 4]);
    expect(tableOf(events).items.map((i) => i.id)).toEqual([4, 1]);
  });

  it.each([
    [[1], /2 to 4 different products; got 1\. Use show_products/],
    [[1, 1], /got 1/],
    [[1, 2, 3, 4, 5], /2 to 4 different products; got 5/],
    [[], /got 0/],
    [[1, 'two'], /not product IDs: "two"/],
    [[1, -2], /not product IDs: -2/],
    [[1, 2.5], /not product IDs: 2.5/],
    ['1,2', /product_ids must be an array/],
  ])('refuses %j', async (ids, message) => {
    const store = storeOf(STORE);
    const { events, output } = await compare(ids, store);
    expect(events).toEqual([]);
    expect(output.error).toMatch(message);
    expect(store.calls).toEqual([]);
  });

  it.each([
    [[1, 7], [7]],
    [[8, 1, 2], [8]],
    [[1, 9], [9]],
    [[1, 404, 2], [404]],
  ])('refuses hidden, draft, private or unknown products: %j', async (ids, unavailable) => {
    const { events, output } = await compare(ids);
    expect(events).toEqual([]);
    expect(output.error).toBe(
      `These products are not available to shoppers: ${unavailable.join(', ')}. Do not mention them; compare only available products.`,
    );
  });

  it('says so when the store cannot be reached, and shows nothing', async () => {
    const store = storeOf(STORE);
    store.goDown();
    const { events, output } = await compare([1, 2], store);
    expect(events).toEqual([]);
    expect(output.error).toMatch(/store could not be reached/);
  });

  it('works on the bundled demo catalog (variable products list their options)', async () => {
    const catalog = loadDemoCatalog({ baseUrl: 'http://localhost:8000' });
    const tool = createCompareTool({
      source: createDemoProductSource(catalog),
      currency: 'ILS',
      allowedHosts: new Set(['localhost:8000']),
    });
    const { events } = await runTool(tool, { product_ids: [110, 152] });
    const table = tableOf(events);
    expect(table.items.map((i) => i.name)).toEqual(['מיטה אורתופדית לכלבים', 'מיטה עגולה רכה לכלבים ולחתולים']);
    expect(table.rows).toEqual(['גודל']);
    expect(table.items[0]!.attributes).toEqual({ גודל: 'S, M, L' });
    expect(table.items[1]!.price_html).toBe('119.90 ₪');
    expect(table.items[0]!.permalink).toMatch(/^http:\/\/localhost:8000\/demo\/product\//);
  });
});
