import { createCatalogSearch, type SearchableProduct } from '../../proxy/src/search';
import { loadDemoCatalog } from '../../proxy/src/demo';

function product(id: number, overrides: Partial<SearchableProduct> = {}): SearchableProduct {
  return {
    id,
    name: 'קולר עור לכלבים',
    slug: `collar-${id}`,
    permalink: `https://shop.example/product/collar-${id}/`,
    type: 'simple',
    status: 'publish',
    catalog_visibility: 'visible',
    sku: `COL-${id}`,
    price: '50.00',
    regular_price: '50.00',
    sale_price: '',
    on_sale: false,
    stock_status: 'instock',
    categories: [{ name: 'רצועות וקולרים', slug: 'leashes-collars' }],
    ...overrides,
  };
}

describe('what the search never shows', () => {
  it.each([
    ['a draft', { status: 'draft' }],
    ['a pending product', { status: 'pending' }],
    ['a private product', { status: 'private' }],
    ['a hidden product', { catalog_visibility: 'hidden' }],
    ['a password-protected product', { post_password: 'secret' }],
  ] as Array<[string, Partial<SearchableProduct>]>)('%s', (_label, overrides) => {
    const search = createCatalogSearch([product(1), product(2, overrides)]);
    const ids = search.search('קולר').map((h) => h.id);
    expect(ids).toEqual([1]);
    expect(search.search('COL-2').map((h) => h.id)).not.toContain(2);
    expect(search.size).toBe(1);
  });

  it('never returns the demo catalog draft, private or hidden products for any of their own words', () => {
    const { products } = loadDemoCatalog();
    const unseen = products.filter((p) => p.status !== 'publish' || p.catalog_visibility === 'hidden');
    expect(unseen.length).toBeGreaterThanOrEqual(3);
    const search = createCatalogSearch(products);
    for (const p of unseen) {
      for (const query of [p.name, p.sku, p.slug, 'טיוטה', 'דגם ישן', 'פרטי']) {
        const ids = search.search(query, { limit: 100 }).map((h) => h.id);
        expect(ids).not.toContain(p.id);
      }
    }
  });
});

describe('stock', () => {
  it('keeps out-of-stock products but ranks them below equal in-stock ones', () => {
    const search = createCatalogSearch([product(1, { stock_status: 'outofstock' }), product(2)]);
    const hits = search.search('קולר');
    expect(hits.map((h) => h.id)).toEqual([2, 1]);
    expect(hits[1]!.score).toBeLessThan(hits[0]!.score);
  });

  it('indexes a product only once even if listed twice', () => {
    const search = createCatalogSearch([product(1), product(1)]);
    expect(search.search('קולר')).toHaveLength(1);
  });
});

describe('fields', () => {
  it('matches tags, attributes, the English name and descriptions', () => {
    const search = createCatalogSearch([
      product(1, { name: 'מוצר א', categories: [], tags: [{ name: 'עמיד', slug: 'durable' }] }),
      product(2, { name: 'מוצר ב', categories: [], attributes: [{ name: 'צבע', options: ['סגול'] }] }),
      product(3, { name: 'מוצר ג', categories: [], meta_data: [{ key: 'name_en', value: 'Leather collar' }] }),
      product(4, { name: 'מוצר ד', categories: [], description: '<p>עשוי <strong>ניילון</strong> קלוע</p>' }),
    ]);
    expect(search.search('durable')[0]?.id).toBe(1);
    expect(search.search('סגול')[0]?.id).toBe(2);
    expect(search.search('leather')[0]?.id).toBe(3);
    expect(search.search('ניילון')[0]?.id).toBe(4);
  });

  it('ranks a name match above a description-only match', () => {
    const descriptionOnly = product(1, { name: 'מברשת', categories: [], description: '<p>מתאים לכל כלב עם קולר</p>' });
    const search = createCatalogSearch([descriptionOnly, product(2, { name: 'קולר', categories: [] })]);
    const hits = search.search('קולר');
    expect(hits[0]?.id).toBe(2);
    const second = hits.find((h) => h.id === 1);
    if (second) expect(second.score).toBeLessThan(hits[0]!.score);
    // On its own the description match is still found.
    expect(
      createCatalogSearch([descriptionOnly])
        .search('קולר')
        .map((h) => h.id),
    ).toEqual([1]);
  });
});
