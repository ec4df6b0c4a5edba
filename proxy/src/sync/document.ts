/**
 * One catalog entry per product, as a Markdown section:
 *
 *   ## <name>
 *   System_ID: 123
 *   <label>: <value>            (one fact per line)
 *
 * Entries are kept below ENTRY_TOKEN_BUDGET estimated tokens (descriptions are
 * trimmed at a sentence or word boundary, long variation lists are cut with
 * "and N more"), so with the chunking strategy in chunking.ts no entry is ever
 * split between chunks. See docs/sync.md for the reasoning.
 */
import { compile } from 'html-to-text';
import type { WooProduct, WooVariation } from '../woo/schemas';
import { ENTRY_TOKEN_BUDGET, estimateTokens } from './chunking';
import type { Labels } from './labels';

/** The compact product kept per shard in the store, for the offline catalog search and cards. */
export interface SyncedProduct {
  id: number;
  name: string;
  slug: string;
  permalink: string;
  type: string;
  status: string;
  catalog_visibility: string;
  sku: string;
  gtin: string;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  date_on_sale_to: string | null;
  stock_status: string;
  stock_quantity: number | null;
  purchasable: boolean;
  brands: string[];
  categories: string[];
  tags: string[];
  attributes: Array<{ name: string; options: string[] }>;
  variations: number[];
  variation_options: Array<{ id: number; attributes: Record<string, string>; price: string; stock_status: string }>;
  images: Array<{ src: string; alt: string }>;
  /** Clean text, trimmed like in the document. */
  description: string;
  /**
   * Units sold when the shard was last rewritten: a ranking hint for search, not a fact to quote
   * (it stays out of the entry text, so sales alone never re-upload a shard).
   */
  total_sales?: number;
}

export interface CatalogItem {
  id: number;
  /** The Markdown entry. */
  text: string;
  /** JSON of the SyncedProduct, serialized once (strings cost less memory than object graphs). */
  product: string;
}

export interface BuildOptions {
  labels: Labels;
  /** ISO 4217 code appended to prices, e.g. ILS; omitted when unknown. */
  currency?: string;
  /** Managed stock at or below this quantity is "low stock". */
  lowStockThreshold?: number;
}

const MAX_VARIATION_LINES = 20;
const MAX_DESCRIPTION_CHARS = 1200;

/** Compiled once: `convert` compiles its selectors on every call, which was a quarter of a full sync's CPU. */
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
});

export function htmlToCleanText(html: string): string {
  if (!html) return '';
  return toText(html).replace(/\s+/g, ' ').trim();
}

/** Cut at the last sentence end (or word boundary) before `maxChars`, with an ellipsis. */
export function trimText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return '';
  const slice = text.slice(0, maxChars - 1);
  const sentenceEnd = Math.max(slice.lastIndexOf('. '), slice.lastIndexOf('! '), slice.lastIndexOf('? '));
  if (sentenceEnd >= maxChars * 0.5) return slice.slice(0, sentenceEnd + 1);
  const space = slice.lastIndexOf(' ');
  return `${(space >= maxChars * 0.5 ? slice.slice(0, space) : slice).trimEnd()}…`;
}

/** Headings and labels must not be able to open a new Markdown section or entry. */
function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^#+\s*/, '')
    .replace(/^-{3,}/, '')
    .trim();
}

function money(amount: string, currency: string | undefined): string {
  return currency ? `${amount} ${currency}` : amount;
}

function dateOnly(value: string | null): string | null {
  return value ? value.slice(0, 10) : null;
}

interface StockFacts {
  stock_status: string;
  stock_quantity: number | null;
  manage_stock: boolean | 'parent';
  backorders: string;
}

export function stockInWords(item: StockFacts, labels: Labels, lowStockThreshold: number): string {
  if (item.stock_status === 'onbackorder') return labels.backorder;
  if (item.stock_status === 'outofstock') return item.backorders !== 'no' ? labels.backorder : labels.outOfStock;
  const quantity = item.manage_stock === true ? item.stock_quantity : null;
  if (quantity !== null && quantity <= 0) return item.backorders !== 'no' ? labels.backorder : labels.outOfStock;
  if (quantity !== null && quantity <= lowStockThreshold) return labels.lowStock(quantity);
  return quantity !== null ? labels.inStockQuantity(quantity) : labels.inStock;
}

function priceLine(product: WooProduct, variations: readonly WooVariation[], options: BuildOptions): string[] {
  const { labels, currency } = options;
  if (product.type === 'variable' && variations.length > 0) {
    const prices = variations.map((v) => Number(v.price)).filter((p) => Number.isFinite(p) && p > 0);
    if (prices.length === 0) return [];
    const min = Math.min(...prices).toFixed(2);
    const max = Math.max(...prices).toFixed(2);
    return [
      `${min === max ? labels.price : labels.priceFrom}: ${money(min, currency)}${min === max ? '' : ` – ${money(max, currency)}`}`,
    ];
  }
  if (!product.price) return [];
  const lines: string[] = [];
  if (product.on_sale && product.sale_price && product.regular_price && product.sale_price !== product.regular_price) {
    lines.push(
      `${labels.salePrice}: ${money(product.sale_price, currency)} (${labels.regularPrice}: ${money(product.regular_price, currency)})`,
    );
    const until = dateOnly(product.date_on_sale_to);
    if (until) lines.push(`${labels.saleUntil}: ${until}`);
  } else {
    lines.push(`${labels.price}: ${money(product.price, currency)}`);
  }
  return lines;
}

function variationLines(variations: readonly WooVariation[], options: BuildOptions, threshold: number, max: number): string[] {
  const { labels, currency } = options;
  const visible = variations.filter((v) => v.status === 'publish' || v.status === undefined).sort((a, b) => a.id - b.id);
  const lines = visible.slice(0, max).map((v) => {
    const what = v.attributes.map((a) => `${oneLine(a.name)} ${oneLine(a.option)}`).join(', ') || oneLine(v.name ?? `#${v.id}`);
    const onSale = v.on_sale && v.sale_price && v.regular_price && v.sale_price !== v.regular_price;
    const price = onSale
      ? `${money(v.sale_price, currency)} (${labels.regularPrice}: ${money(v.regular_price, currency)})`
      : money(v.price || v.regular_price, currency);
    const sku = v.sku ? `, ${labels.sku}: ${v.sku}` : '';
    return `- ${what}: ${price}, ${stockInWords(v, labels, threshold)}${sku}`;
  });
  if (visible.length > max) lines.push(`- ${labels.moreOptions(visible.length - max)}`);
  return lines;
}

/** A product with its variations → its entry and compact product. Deterministic: same input, same bytes. */
export function buildCatalogItem(product: WooProduct, variations: readonly WooVariation[], options: BuildOptions): CatalogItem {
  const { labels } = options;
  const threshold = options.lowStockThreshold ?? 5;
  const names = (terms: ReadonlyArray<{ name: string }> | undefined) => (terms ?? []).map((t) => oneLine(t.name)).filter(Boolean);
  const brands = names(product.brands);
  const categories = names(product.categories);
  const tags = names(product.tags);
  const attributes = product.attributes
    .filter((a) => a.visible || a.variation)
    .map((a) => ({ name: oneLine(a.name), options: a.options.map(oneLine) }));

  const head: string[] = [`## ${oneLine(product.name)}`, `System_ID: ${product.id}`];
  if (product.sku) head.push(`${labels.sku}: ${oneLine(product.sku)}`);
  if (product.global_unique_id) head.push(`${labels.gtin}: ${oneLine(product.global_unique_id)}`);
  if (brands.length) head.push(`${labels.brand}: ${brands.join(', ')}`);
  if (categories.length) head.push(`${labels.categories}: ${categories.join(', ')}`);
  if (tags.length) head.push(`${labels.tags}: ${tags.join(', ')}`);
  head.push(...priceLine(product, variations, options));
  const stock =
    product.type === 'variable' && variations.length > 0 && variations.every((v) => v.stock_status === 'outofstock')
      ? labels.outOfStock
      : stockInWords(product, labels, threshold);
  head.push(`${labels.stock}: ${stock}`);
  if (product.weight) head.push(`${labels.weight}: ${product.weight} ${labels.weightUnit}`);
  if (attributes.length)
    head.push(`${labels.attributes}: ${attributes.map((a) => `${a.name}: ${a.options.join(', ')}`).join('; ')}`);
  const tail = [`${labels.link}: ${product.permalink}`];
  const fits = (lines: string[]) => estimateTokens(lines.join('\n')) <= ENTRY_TOKEN_BUDGET;
  // Variation lines give way first (down to none, the price range and attributes stay), then the description.
  let variationLimit = MAX_VARIATION_LINES;
  let options_ = product.type === 'variable' ? variationLines(variations, options, threshold, variationLimit) : [];
  while (options_.length > 0 && variationLimit > 0 && !fits([...head, `${labels.options}:`, ...options_, ...tail])) {
    variationLimit = Math.floor(variationLimit / 2);
    options_ = variationLimit > 0 ? variationLines(variations, options, threshold, variationLimit) : [];
  }
  if (options_.length) head.push(`${labels.options}:`, ...options_);

  const fixed = [...head, ...tail].join('\n');
  const fullDescription = htmlToCleanText(product.description) || htmlToCleanText(product.short_description);
  let description = trimText(fullDescription, MAX_DESCRIPTION_CHARS);
  const label = `${labels.description}: `;
  while (description && estimateTokens(`${fixed}\n${label}${description}`) > ENTRY_TOKEN_BUDGET) {
    description = trimText(description, Math.floor(description.length * 0.8));
  }
  const body = description ? [...head, `${label}${description}`] : head;
  // Pathological heads (hundreds of attribute values): cut the head, never the ID or the link.
  let headText = body.join('\n');
  while (!fits([headText, ...tail]) && headText.length > 40) headText = trimText(headText, Math.floor(headText.length * 0.9));
  const text = [headText, ...tail].join('\n');

  const synced: SyncedProduct = {
    id: product.id,
    name: product.name,
    slug: product.slug,
    permalink: product.permalink,
    type: product.type,
    status: product.status,
    catalog_visibility: product.catalog_visibility,
    sku: product.sku,
    gtin: product.global_unique_id,
    price: product.price,
    regular_price: product.regular_price,
    sale_price: product.sale_price,
    on_sale: product.on_sale,
    date_on_sale_to: product.date_on_sale_to,
    stock_status: product.stock_status,
    stock_quantity: product.stock_quantity,
    purchasable: product.purchasable,
    brands,
    categories,
    tags,
    attributes,
    variations: variations.map((v) => v.id).sort((a, b) => a - b),
    variation_options: variations
      .slice()
      .sort((a, b) => a.id - b.id)
      .map((v) => ({
        id: v.id,
        attributes: Object.fromEntries(v.attributes.map((a) => [a.name, a.option])),
        price: v.price,
        stock_status: v.stock_status,
      })),
    images: product.images.slice(0, 1).map((i) => ({ src: i.src, alt: i.alt })),
    description,
    ...(product.total_sales > 0 ? { total_sales: product.total_sales } : {}),
  };
  return { id: product.id, text, product: JSON.stringify(synced) };
}
