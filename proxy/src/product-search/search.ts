import type { CatalogSearch, SearchableProduct } from '../search';
import type { SearchRequest } from './arguments';
import { buildFilter, lowestPrice } from './filters';

/** The synced catalog as the tool sees it: the offline search index and the products it was built from. */
export interface SearchableCatalog {
  search: CatalogSearch;
  products: readonly SearchableProduct[];
}

export interface SearchOutcome {
  products: SearchableProduct[];
  /** How many products matched before `limit`. */
  total: number;
  /** Set when the requested order could not be applied as asked. */
  note?: string;
}

const popularity = (p: SearchableProduct) => p.total_sales ?? 0;

/**
 * Words rank by the catalog search (Hebrew and English forms, BM25); filters then
 * keep what fits, and the sort reorders. Without words, every visible product is a
 * candidate, best sellers first.
 */
export function runSearch(catalog: SearchableCatalog, request: SearchRequest): { error: string } | SearchOutcome {
  const built = buildFilter(catalog.products, request);
  if (!built.ok) return { error: built.error };
  const byId = new Map<number, SearchableProduct>();
  for (const product of catalog.products) if (!byId.has(product.id)) byId.set(product.id, product);

  let candidates: SearchableProduct[];
  if (request.query) {
    const hits = catalog.search.search(request.query, { limit: Math.max(1, catalog.search.size) });
    candidates = hits.flatMap((h) => byId.get(h.id) ?? []);
  } else {
    candidates = [...byId.values()].sort((a, b) => popularity(b) - popularity(a) || a.id - b.id);
  }
  let matched = candidates.filter(built.filter);

  let note: string | undefined;
  // Array.prototype.sort is stable: equal keys keep the relevance order.
  if (request.sort === 'price_asc' || request.sort === 'price_desc') {
    const direction = request.sort === 'price_asc' ? 1 : -1;
    const known = matched.filter((p) => lowestPrice(p) !== null);
    const unknown = matched.filter((p) => lowestPrice(p) === null);
    matched = [...known.sort((a, b) => direction * (lowestPrice(a)! - lowestPrice(b)!)), ...unknown];
  } else if (request.sort === 'popularity') {
    if (matched.some((p) => popularity(p) > 0)) matched = [...matched].sort((a, b) => popularity(b) - popularity(a));
    else note = 'Sales figures are not known for these products; they are in order of relevance.';
  }
  return { products: matched.slice(0, request.limit), total: matched.length, ...(note ? { note } : {}) };
}
