/**
 * Recall and precision of catalog search on a fixed set of 40 Hebrew and English shopper
 * queries over the bundled demo catalog, for three ways the assistant can find products:
 *
 *   file_search only   the shopper's words against the catalog entries the sync uploads
 *                      (one Markdown entry per product), ranked by plain BM25: a stand-in
 *                      for OpenAI's file_search, which cannot be reached offline (see below)
 *   search tool only   search_products with the arguments a model would send (bench/search-queries.json)
 *   both               the search tool's results first, file_search filling the free places
 *
 *   npx tsx bench/search.ts [--json]
 *
 * The stand-in: OpenAI's file_search ranks chunks by a hybrid of embeddings and keywords. The
 * fake OpenAI's vector stores return every file with the same score (no ranking), so they
 * measure nothing. What stands in is the keyword half alone: MiniSearch BM25 with its default
 * tokenizer (lower case, split at spaces and punctuation; no Hebrew prefixes or plurals, no
 * stemming, no synonyms) over exactly the entry text the sync uploads. It has no semantic
 * half, so it understates file_search on paraphrases; and it ranks whole entries where
 * file_search ranks 800-token chunks of several entries, which flatters it.
 * Bounded: 40 queries × 3 methods, well under a second.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { loadDemoCatalog } from '../proxy/src/demo';
import { parseSearchArguments, runSearch } from '../proxy/src/product-search';
import { createCatalogSearch } from '../proxy/src/search';
import { buildCatalogItem } from '../proxy/src/sync/document';
import { labelsFor } from '../proxy/src/sync/labels';
import { isSearchable } from '../proxy/src/sync/visibility';
import { wooProductSchema, wooVariationSchema } from '../proxy/src/woo/schemas';
import { machineLine } from './lib/machine';

interface BenchQuery {
  id: string;
  lang: 'he' | 'en';
  kind: 'words' | 'filter';
  text: string;
  relevant: number[];
  tool: Record<string, unknown>;
}

const KS = [3, 5, 10] as const;
const FILE_SEARCH_RESULTS = 12; // what chatTools() asks file_search for
const queries = (JSON.parse(readFileSync(path.join(__dirname, 'search-queries.json'), 'utf8')) as { queries: BenchQuery[] })
  .queries;

const demo = loadDemoCatalog();
const visibleIds = new Set(demo.products.filter(isSearchable).map((p) => p.id));
for (const q of queries) {
  const bad = q.relevant.filter((id) => !visibleIds.has(id));
  if (bad.length) throw new Error(`${q.id}: relevant IDs ${bad.join(', ')} are not visible products`);
}

/** The file_search stand-in: BM25 over the synced entries (see the header). */
function createFileSearchStandIn() {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
  for (const product of demo.products.filter(isSearchable)) {
    const variations = (demo.variations.get(product.id) ?? []).map((v) => wooVariationSchema.parse(v));
    const item = buildCatalogItem(wooProductSchema.parse(product), variations, { labels: labelsFor('he'), currency: 'ILS' });
    index.add({ id: item.id, text: item.text });
  }
  return (text: string) =>
    index
      .search(text)
      .slice(0, FILE_SEARCH_RESULTS)
      .map((r) => r.id as number);
}

const fileSearch = createFileSearchStandIn();
const catalog = { search: createCatalogSearch(demo.products), products: demo.products };
const NULL_ARGS = {
  query: null,
  category: null,
  min_price: null,
  max_price: null,
  in_stock: null,
  on_sale: null,
  attributes: null,
  sort: null,
  limit: 20,
};

function searchTool(q: BenchQuery): number[] {
  const parsed = parseSearchArguments(JSON.stringify({ ...NULL_ARGS, ...q.tool }));
  if (!parsed.ok) throw new Error(`${q.id}: ${parsed.error}`);
  const outcome = runSearch(catalog, parsed.request);
  if ('error' in outcome) throw new Error(`${q.id}: ${outcome.error}`);
  return outcome.products.map((p) => p.id);
}

const METHODS = {
  'file_search only': (q: BenchQuery) => fileSearch(q.text),
  'search tool only': searchTool,
  both: (q: BenchQuery) => [...new Set([...searchTool(q), ...fileSearch(q.text)])],
} as const;
type Method = keyof typeof METHODS;

interface Score {
  recall: number;
  /** Relevant share of what was returned in the first k (nothing returned: 0). */
  precision: number;
}

function score(ranked: number[], relevant: number[], k: number): Score {
  const top = ranked.slice(0, k);
  const hits = top.filter((id) => relevant.includes(id)).length;
  return { recall: hits / relevant.length, precision: top.length ? hits / top.length : 0 };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

const started = performance.now();
const ranked = new Map<Method, Map<string, number[]>>();
for (const method of Object.keys(METHODS) as Method[]) {
  ranked.set(method, new Map(queries.map((q) => [q.id, METHODS[method](q)])));
}
const elapsedMs = performance.now() - started;

function table(subset: BenchQuery[], title: string): string {
  const lines = [
    `**${title}** (${subset.length} queries)`,
    '',
    `| method | ${KS.map((k) => `recall@${k} | precision@${k}`).join(' | ')} |`,
    `|---|${KS.map(() => '---:|---:').join('|')}|`,
  ];
  for (const method of Object.keys(METHODS) as Method[]) {
    const cells = KS.map((k) => {
      const scores = subset.map((q) => score(ranked.get(method)!.get(q.id)!, q.relevant, k));
      return `${pct(mean(scores.map((s) => s.recall)))} | ${pct(mean(scores.map((s) => s.precision)))}`;
    });
    lines.push(`| ${method} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Each method against the baseline (file_search only) measured in the same run, at k = 5. */
function ratios(): string {
  const at5 = (method: Method) => {
    const scores = queries.map((q) => score(ranked.get(method)!.get(q.id)!, q.relevant, 5));
    return { recall: mean(scores.map((s) => s.recall)), precision: mean(scores.map((s) => s.precision)) };
  };
  const base = at5('file_search only');
  return (['search tool only', 'both'] as const)
    .map((m) => {
      const r = at5(m);
      return `${m}: recall@5 ${(r.recall / base.recall).toFixed(2)}× and precision@5 ${(r.precision / base.precision).toFixed(2)}× file_search only's.`;
    })
    .join('\n');
}

function misses(): string {
  const lines = ['| query | relevant | file_search@5 | search tool@5 |', '|---|---|---|---|'];
  for (const q of queries) {
    const fs = score(ranked.get('file_search only')!.get(q.id)!, q.relevant, 5);
    const tool = score(ranked.get('search tool only')!.get(q.id)!, q.relevant, 5);
    if (fs.recall === 1 && tool.recall === 1 && fs.precision === 1 && tool.precision === 1) continue;
    const show = (m: Method) => ranked.get(m)!.get(q.id)!.slice(0, 5).join(', ') || '(none)';
    lines.push(`| ${q.text} | ${q.relevant.join(', ')} | ${show('file_search only')} | ${show('search tool only')} |`);
  }
  return lines.join('\n');
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries([...ranked].map(([m, r]) => [m, Object.fromEntries(r)])), null, 2));
} else {
  console.log(
    [
      `Machine: ${machineLine()}`,
      `Catalog: ${visibleIds.size} visible products of ${demo.products.length}; ${queries.length} queries; ranking all of them took ${elapsedMs.toFixed(0)} ms.`,
      '',
      table(queries, 'All queries'),
      '',
      table(
        queries.filter((q) => q.lang === 'he'),
        'Hebrew',
      ),
      '',
      table(
        queries.filter((q) => q.lang === 'en'),
        'English',
      ),
      '',
      table(
        queries.filter((q) => q.kind === 'filter'),
        'Queries with a price, sale, stock, size or order',
      ),
      '',
      ratios(),
      '',
      'Queries where a method missed a relevant product or returned an irrelevant one in its first 5:',
      '',
      misses(),
    ].join('\n'),
  );
}
