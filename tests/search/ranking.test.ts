import { createCatalogSearch } from '../../proxy/src/search';
import { loadDemoCatalog } from '../../proxy/src/demo';

/**
 * The fixed ranking table over the bundled demo catalog: for each query, the
 * products a shopper expects at the top. `top` lists ids that must all appear
 * within the first `top.length` hits (any order); `first` must be hit #1;
 * `category` means the first `n` hits all belong to that category slug.
 */
interface RankingCase {
  query: string;
  first?: number;
  top?: number[];
  category?: { slug: string; n: number };
  absent?: number[];
}

const CASES: RankingCase[] = [
  { query: 'מזון לכלבים', top: [101, 103, 104], category: { slug: 'dog-food', n: 4 } },
  { query: 'לכלבים', category: { slug: 'dogs', n: 8 } },
  { query: 'אוכל לחתול', category: { slug: 'cat-food', n: 4 } },
  { query: 'צעצועים', category: { slug: 'toys', n: 8 } },
  { query: 'צעצועים לחתולים', top: [130, 131, 132] },
  { query: 'הצעצועים לחתולים', top: [130, 131, 132] },
  { query: 'קולר', top: [113, 135], absent: [156] },
  { query: 'מָזוֹן לַחֲתוּלִים', category: { slug: 'cat-food', n: 4 } },
  { query: 'מזונ לכלבימ', top: [101, 103, 104], category: { slug: 'dog-food', n: 4 } },
  { query: 'מיטה לכלב', top: [110, 152] },
  { query: 'רצועה', first: 112, top: [112, 115] },
  { query: 'והרצועות', first: 112 },
  { query: 'שמפו', first: 116 },
  { query: 'אקווריום', top: [142, 143, 145] },
  { query: 'אקוו', top: [142, 143, 145] },
  { query: 'חול לחתולים', top: [125, 126, 127] },
  { query: 'גורים', top: [102, 123] },
  { query: 'ללא דגנים', first: 104 },
  { query: 'שחת לארנב', first: 147 },
  { query: 'לדגים', category: { slug: 'fish-aquarium', n: 3 } },
  { query: 'dog food', category: { slug: 'dog-food', n: 4 } },
  { query: 'cat toys', top: [130, 131, 132] },
  { query: 'leashes', top: [112, 115] },
  { query: 'hamster', top: [148, 149] },
  { query: 'hamst', top: [148, 149] },
  { query: 'aquarum filter', first: 143 },
  { query: 'brushes', top: [117, 134] },
  { query: 'CAT-LITTER-125', first: 125 },
  { query: 'dog-food-104', first: 104 },
  { query: 'parrot', first: 136 },
];

describe('catalog search ranking over the demo catalog', () => {
  const { products } = loadDemoCatalog();
  const search = createCatalogSearch(products);
  const categoriesOf = new Map(products.map((p) => [p.id, p.categories.map((c) => c.slug)]));

  it.each(CASES)('$query', ({ query, first, top, category, absent }) => {
    const hits = search.search(query, { limit: 10 });
    const ids = hits.map((h) => h.id);
    expect(ids.length).toBeGreaterThan(0);
    if (first !== undefined) expect(ids[0]).toBe(first);
    if (top) expect(ids.slice(0, top.length).sort()).toEqual([...top].sort());
    if (category) {
      const leading = ids.slice(0, category.n);
      expect(leading).toHaveLength(category.n);
      for (const id of leading) expect(categoriesOf.get(id)).toContain(category.slug);
    }
    for (const id of absent ?? []) expect(ids).not.toContain(id);
  });

  it('scores in descending order and respects the limit', () => {
    const hits = search.search('לכלבים', { limit: 3 });
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('ranks a product matching every query word above one matching only some', () => {
    const ids = search.search('מזון לחתולים').map((h) => h.id);
    const litter = ids.indexOf(125);
    const catFood = ids.indexOf(120);
    expect(catFood).toBeGreaterThanOrEqual(0);
    if (litter >= 0) expect(catFood).toBeLessThan(litter);
  });

  it('leaves out products matching only some words when others match them all', () => {
    const ids = search.search('צעצועים לחתולים', { limit: 20 }).map((h) => h.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(categoriesOf.get(id)).toEqual(expect.arrayContaining(['cats', 'toys']));
  });

  it('finds nothing for words the catalog does not have', () => {
    expect(search.search('zzzz qqqq')).toEqual([]);
    expect(search.search('   ')).toEqual([]);
  });
});
