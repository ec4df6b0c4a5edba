import MiniSearch from 'minisearch';
import { isShopperVisible } from '../catalog/cards';
import { indexTerms, parseQuery } from './query-words';
import { FIELD_BOOSTS, SEARCH_FIELDS, toSearchDocument, type SearchDocument, type SearchableProduct } from './searchable-product';

export interface SearchHit {
  id: number;
  score: number;
}

export interface SearchOptions {
  /** Most hits to return; default 8. */
  limit?: number;
}

export interface CatalogSearch {
  search(query: string, opts?: SearchOptions): SearchHit[];
  /** Number of indexed (shopper-visible) products. */
  readonly size: number;
}

const DEFAULT_LIMIT = 8;
/** Out-of-stock products stay findable (a shopper may ask about them) but rank below available ones. */
const OUT_OF_STOCK_FACTOR = 0.5;
/** Hits far below the best one are noise from loose stems; drop them. */
const MIN_RELATIVE_SCORE = 0.15;
/** A hit matching only some query words, when others match all, must score at least this share of the best. */
const MIN_PARTIAL_MATCH_SCORE = 0.5;
const MIN_PREFIX_LENGTH = 3;
const MIN_FUZZY_LENGTH = 5;
const LATIN_WORD = /^[a-z]+$/;

/**
 * Ranked offline search over a product list: BM25+ through MiniSearch, with the
 * Hebrew/English word forms of query-words.ts on both sides. Drafts, private,
 * hidden and password-protected products are never indexed. Build a new one
 * when the catalog changes (it indexes in memory, ~ms per hundred products).
 */
export function createCatalogSearch(products: readonly SearchableProduct[]): CatalogSearch {
  const index = new MiniSearch<SearchDocument>({
    idField: 'id',
    fields: SEARCH_FIELDS,
    // Words are normalized and expanded here; processTerm has nothing left to do.
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => term,
  });
  const stockStatus = new Map<number, string>();
  for (const product of products) {
    if (!isShopperVisible(product) || stockStatus.has(product.id)) continue;
    stockStatus.set(product.id, product.stock_status);
    index.add(toSearchDocument(product));
  }

  function search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const words = parseQuery(query);
    if (words.length === 0 || limit <= 0) return [];

    const weightOfTerm = new Map<string, number>();
    const wordsOfTerm = new Map<string, number[]>();
    words.forEach((word, wordIndex) => {
      for (const { term, weight } of word.variants) {
        weightOfTerm.set(term, Math.max(weightOfTerm.get(term) ?? 0, weight));
        wordsOfTerm.set(term, [...(wordsOfTerm.get(term) ?? []), wordIndex]);
      }
    });

    const results = index.search(
      {
        combineWith: 'OR',
        queries: words.map((word) => ({ combineWith: 'OR', queries: word.variants.map((v) => v.term) })),
      },
      {
        boost: FIELD_BOOSTS,
        // Variants arrive already normalized; keep MiniSearch from splitting SKUs again.
        tokenize: (term) => [term],
        processTerm: (term) => term,
        boostTerm: (term) => weightOfTerm.get(term) ?? 1,
        prefix: (term) => term.length >= MIN_PREFIX_LENGTH,
        fuzzy: (term) => (LATIN_WORD.test(term) && term.length >= MIN_FUZZY_LENGTH ? 0.2 : false),
      },
    );

    const scored = results.map((result) => {
      const matchedWords = new Set<number>();
      for (const term of result.queryTerms) for (const w of wordsOfTerm.get(term) ?? []) matchedWords.add(w);
      const coverage = matchedWords.size / words.length;
      // MiniSearch multiplies by the number of matched query terms; with several
      // variants per word that rewards variant count, so use word coverage instead.
      const base = result.score / Math.max(1, result.queryTerms.length);
      const id = result.id as number;
      const stock = stockStatus.get(id) === 'outofstock' ? OUT_OF_STOCK_FACTOR : 1;
      return { id, coverage, score: base * coverage * coverage * stock };
    });
    scored.sort((a, b) => b.score - a.score || a.id - b.id);
    const best = scored[0]?.score ?? 0;
    // When some products match every word ("cat toys"), products matching only
    // some ("cat food") are kept only if they still score close to the best.
    const someCoverAll = scored.some((h) => h.coverage === 1);
    return scored
      .filter((h) => h.score >= best * MIN_RELATIVE_SCORE)
      .filter((h) => !someCoverAll || h.coverage === 1 || h.score >= best * MIN_PARTIAL_MATCH_SCORE)
      .slice(0, limit)
      .map(({ id, score }) => ({ id, score }));
  }

  return {
    search,
    get size() {
      return stockStatus.size;
    },
  };
}
