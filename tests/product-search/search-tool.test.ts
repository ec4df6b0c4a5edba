import { loadDemoCatalog } from '../../proxy/src/demo';
import { createProductSearchTool, searchProductsTool, type SearchableCatalog } from '../../proxy/src/product-search';
import { createCatalogSearch, type SearchableProduct } from '../../proxy/src/search';
import { runTool } from '../helpers/tool-run';

interface Result {
  id: number;
  name: string;
  price: string | null;
  on_sale: boolean;
  stock_status: string;
  categories: string[];
}

const { products: demo } = loadDemoCatalog();

function catalogOf(products: SearchableProduct[]): SearchableCatalog {
  return { search: createCatalogSearch(products), products };
}

const DEMO = catalogOf(demo);

async function search(args: Record<string, unknown>, catalog: SearchableCatalog | null = DEMO) {
  const tool = createProductSearchTool({ catalog: async () => catalog, currency: 'ILS' });
  const full = {
    query: null,
    category: null,
    min_price: null,
    max_price: null,
    in_stock: null,
    on_sale: null,
    attributes: null,
    sort: null,
    limit: null,
    ...args,
  };
  const { events, output } = await runTool(tool, full);
  expect(events).toEqual([]); // the shopper sees products only through show_products
  return output as { results?: Result[]; total_matches?: number; error?: string; note?: string; next_step?: string };
}

const ids = (output: { results?: Result[] }) => (output.results ?? []).map((r) => r.id);
const byId = new Map(demo.map((p) => [p.id, p]));

describe('search_products: definition', () => {
  it('is a strict schema: every property required, optional ones nullable', () => {
    const parameters = searchProductsTool.parameters as {
      properties: Record<string, { type: string | string[] }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(searchProductsTool.strict).toBe(true);
    expect(parameters.additionalProperties).toBe(false);
    expect([...parameters.required].sort()).toEqual(Object.keys(parameters.properties).sort());
    for (const [name, property] of Object.entries(parameters.properties)) {
      expect([name, Array.isArray(property.type) && property.type.includes('null')]).toEqual([name, true]);
    }
  });
});

describe('search_products: words, Hebrew and English', () => {
  it.each([
    ['מיטה לכלב', [110, 152]],
    ['המיטות לכלבים', [110, 152]],
    ['dog bed', [110, 152]],
    ['beds for dogs', [110, 152]],
    ['צעצועים לחתולים', [130, 131, 132]],
    ['cat toys', [130, 131, 132]],
  ])('"%s" finds %j', async (query, expected) => {
    const output = await search({ query });
    expect(ids(output)).toEqual(expect.arrayContaining(expected));
    expect(output.next_step).toMatch(/show_products/);
  });

  it('never returns drafts, private or hidden products, even by their own words', async () => {
    for (const query of ['מזון ניסיוני לכלבים טיוטה', 'מארז מתנה פרטי', 'קולר לכלבים דגם ישן']) {
      const output = await search({ query });
      expect(ids(output).filter((id) => [154, 155, 156].includes(id))).toEqual([]);
    }
    const all = await search({ limit: 20, sort: 'price_desc' });
    expect(all.total_matches).toBe(53);
  });
});

describe('search_products: filters', () => {
  it('category by Hebrew name, English slug or a word form of either', async () => {
    const toyIds = demo.filter((p) => p.categories.some((c) => c.slug === 'toys') && p.status === 'publish').map((p) => p.id);
    for (const category of ['צעצועים', 'צעצוע', 'toys', 'Toy']) {
      const output = await search({ category, limit: 20 });
      expect([category, [...ids(output)].sort()]).toEqual([category, [...toyIds].sort()]);
    }
  });

  it('price range in the store currency, inclusive, with words', async () => {
    const output = await search({ query: 'צעצוע לחתול', max_price: 20 });
    expect(ids(output)).toEqual([131]);
    const range = await search({ min_price: 100, max_price: 150, limit: 20 });
    expect(ids(range).length).toBeGreaterThan(3);
    for (const id of ids(range)) {
      const price = Number(byId.get(id)!.price);
      expect(price >= 100 && price <= 150).toBe(true);
    }
    expect(ids(range)).toContain(128); // 149.90
  });

  it('in stock and on sale', async () => {
    const inStock = await search({ query: 'רצועה', in_stock: true });
    expect(ids(inStock)).toContain(112);
    expect(ids(inStock)).not.toContain(115); // out of stock
    const outOfStock = await search({ in_stock: false, limit: 20 });
    expect([...ids(outOfStock)].sort()).toEqual([105, 115, 124, 129, 140, 150]);
    const onSale = await search({ on_sale: true, limit: 20 });
    expect(onSale.total_matches).toBe(11);
    expect((onSale.results ?? []).every((r) => r.on_sale)).toBe(true);
  });

  it('attributes by name and value (size M)', async () => {
    const output = await search({ attributes: [{ name: 'גודל', value: 'M' }] });
    expect([...ids(output)].sort()).toEqual([110, 113, 114]);
    const weight = await search({ attributes: [{ name: 'משקל', value: '12 ק״ג' }] });
    expect(ids(weight)).toEqual([104]);
    const both = await search({ query: 'קולר', attributes: [{ name: 'גודל', value: 'L' }] });
    expect(ids(both)[0]).toBe(113);
    expect(ids(both)).not.toContain(135); // a collar without sizes
  });

  it('prices of variations the sync kept count for a variable product', async () => {
    const synced: SearchableProduct = {
      ...byId.get(110)!,
      price: '149.90',
      variation_options: [
        { id: 1, attributes: { גודל: 'S' }, price: '149.90', stock_status: 'instock' },
        { id: 2, attributes: { גודל: 'L' }, price: '229.90', stock_status: 'instock' },
      ],
    } as SearchableProduct;
    const catalog = catalogOf([synced, byId.get(152)!]);
    expect(ids(await search({ query: 'מיטה', min_price: 200 }, catalog))).toEqual([110]);
    const output = await search({ query: 'מיטה' }, catalog);
    expect(output.results?.find((r) => r.id === 110)?.price).toBe('149.90–229.90 ILS');
  });
});

describe('search_products: sort', () => {
  it('price ascending and descending', async () => {
    const asc = await search({ category: 'toys', sort: 'price_asc', limit: 20 });
    const prices = ids(asc).map((id) => Number(byId.get(id)!.price));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(ids(asc)[0]).toBe(131);
    const desc = await search({ category: 'toys', sort: 'price_desc', limit: 3 });
    expect(ids(desc)).toEqual([109, 132, 149]);
    expect(desc.total_matches).toBe(8);
  });

  it('popularity by WooCommerce total_sales when the catalog has it, and says so when it does not', async () => {
    const sales: Record<number, number> = { 130: 5, 131: 50, 132: 20 };
    const withSales = demo.map((p) => ({ ...p, total_sales: sales[p.id] ?? 0 }));
    const popular = await search({ query: 'cat toys', sort: 'popularity' }, catalogOf(withSales));
    expect(ids(popular).slice(0, 3)).toEqual([131, 132, 130]);
    expect(popular.note).toBeUndefined();
    const unknown = await search({ query: 'cat toys', sort: 'popularity' });
    expect(unknown.note).toMatch(/not known/);
    expect(ids(unknown)).toEqual(expect.arrayContaining([130, 131, 132]));
  });

  it('limit caps the list, total_matches counts them all', async () => {
    const output = await search({ category: 'כלבים', limit: 2 });
    expect(ids(output)).toHaveLength(2);
    expect(output.total_matches).toBe(20); // 23 in the category, less a draft, a private and a hidden one
  });
});

describe('search_products: bad filters give the model a clear error', () => {
  it.each([
    [{ min_price: -5 }, /min_price cannot be negative/],
    [{ max_price: -1 }, /max_price cannot be negative/],
    [{ min_price: 100, max_price: 20 }, /min_price is greater than max_price/],
    [{ category: 'shoes' }, /unknown category "shoes".*צעצועים \(toys\)/],
    [{ attributes: [{ name: 'colour', value: 'red' }] }, /unknown attribute "colour".*גודל/],
    [{ attributes: [{ name: 'גודל', value: 'XXL' }] }, /no product has גודל "XXL".*S, M, L/],
    [{ sort: 'cheapest' }, /sort must be one of relevance, price_asc, price_desc, popularity/],
    [{ limit: 0 }, /limit must be at least 1/],
    [{ limit: 500 }, /limit must be at most 20/],
  ])('%j', async (args, message) => {
    const output = await search(args);
    expect(output.error).toMatch(message);
    expect(output.results).toBeUndefined();
  });

  it('arguments that are not JSON', async () => {
    const tool = createProductSearchTool({ catalog: async () => DEMO, currency: 'ILS' });
    const { output } = await runTool(tool, '{"query": ');
    expect(output.error).toMatch(/not valid JSON/);
  });

  it('before the first sync it points the model to file_search', async () => {
    expect((await search({ query: 'dog' }, null)).error).toMatch(/not ready.*file_search/);
  });

  it('no match is a result, not an error, with a hint to loosen the filters', async () => {
    const output = await search({ query: 'אקווריום', max_price: 5 });
    expect(output.error).toBeUndefined();
    expect(output.total_matches).toBe(0);
    expect(output.next_step).toMatch(/Loosen/);
  });
});
