import { compile } from 'html-to-text';
import type { ProductCard, StockStatus, VariationAttribute, VariationOption } from '../contract/events';
import type { ProductLike, VariationLike } from './types';

/** Only products a shopper may see: published, not hidden, not password-protected. */
export function isShopperVisible(product: ProductLike): boolean {
  return product.status === 'publish' && product.catalog_visibility !== 'hidden' && !product.post_password;
}

const STOCK: readonly StockStatus[] = ['instock', 'outofstock', 'onbackorder'];
const toStock = (s: string): StockStatus => ((STOCK as readonly string[]).includes(s) ? (s as StockStatus) : 'outofstock');

/**
 * Compiled once: `convert()` rebuilds its selector matcher on every call, which
 * the chat profile showed as the top self-time item (see docs/benchmarks.md, Profiling).
 */
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // WooCommerce repeats prices for screen readers ("Price range: … through …"); keep only what is shown.
    { selector: '.screen-reader-text', format: 'skip' },
  ],
});

export function htmlToPlain(html: string | undefined): string {
  if (!html) return '';
  // Most names have no markup at all: skip the HTML parser unless there is a tag or an entity.
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  return toText(html).replace(/\s+/g, ' ').trim();
}

/**
 * Accept only http(s) URLs on the store's own hosts. Anything else (another
 * domain, `javascript:`, a relative trick) is dropped, so a card can never
 * point a shopper elsewhere.
 */
export function safeStoreUrl(raw: string | undefined, allowedHosts: ReadonlySet<string>): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (allowedHosts.size > 0 && !allowedHosts.has(url.host.toLowerCase())) return null;
  return url.toString();
}

export function toVariationOption(v: VariationLike): VariationOption {
  return {
    id: v.id,
    attributes: Object.fromEntries(v.attributes.map((a) => [a.name, a.option])),
    price: v.price,
    regular_price: v.regular_price,
    sale_price: v.sale_price,
    on_sale: v.on_sale,
    stock_status: toStock(v.stock_status),
  };
}

/** Purchasable, in-stock (or backorderable), published variations only. */
export function shopperVariations(variations: VariationLike[]): VariationOption[] {
  return variations
    .filter(
      (v) =>
        (v.status ?? 'publish') === 'publish' && v.purchasable !== false && v.stock_status !== 'outofstock' && v.price !== '',
    )
    .map(toVariationOption);
}

/** The options a shopper chooses on a variable product: its attributes marked `variation`. */
export function variationAttributes(product: ProductLike): VariationAttribute[] {
  return (product.attributes ?? [])
    .filter((a) => a.variation === true && (a.options?.length ?? 0) > 0)
    .map((a) => ({ name: htmlToPlain(a.name), options: (a.options ?? []).map(htmlToPlain) }));
}

/**
 * The variations a variable product's card offers. `known` may come from the last
 * sync while the product itself is live: WooCommerce sets a variable product's stock
 * status from its variations, so a parent now out of stock means every remembered
 * "in stock" variation is out of date, and none is offered.
 */
function cardVariations(product: ProductLike, known: VariationLike[]): VariationOption[] {
  return product.stock_status === 'outofstock' ? [] : shopperVariations(known);
}

/**
 * A card from live product data. `variations` is null for a variable product whose
 * variations are not known (never synced): the card then carries its options
 * (`variation_attributes`) instead, and the widget sends the shopper to the product
 * page to choose, as WooCommerce's own "Select options" button does in shop lists.
 */
export function toCard(
  product: ProductLike,
  variations: VariationLike[] | null,
  options: { currency: string; allowedHosts: ReadonlySet<string> },
): ProductCard {
  const image = product.images?.[0];
  const imageSrc = safeStoreUrl(image?.src, options.allowedHosts);
  const variable = product.type === 'variable';
  return {
    id: product.id,
    name: htmlToPlain(product.name),
    permalink: safeStoreUrl(product.permalink, options.allowedHosts) ?? '',
    image: imageSrc ? { src: imageSrc, alt: image?.alt || htmlToPlain(product.name) } : null,
    price: product.price,
    regular_price: product.regular_price,
    sale_price: product.sale_price,
    on_sale: product.on_sale,
    currency: options.currency,
    price_html: htmlToPlain(product.price_html),
    stock_status: toStock(product.stock_status),
    stock_quantity: product.stock_quantity ?? null,
    type: product.type,
    variations: variable && variations ? cardVariations(product, variations) : [],
    ...(variable && !variations ? { variation_attributes: variationAttributes(product) } : {}),
  };
}

/** What the model gets back from `show_products`: the essentials, never more than it needs. */
export function cardEssentials(card: ProductCard) {
  return {
    id: card.id,
    name: card.name,
    price: card.price,
    regular_price: card.regular_price,
    on_sale: card.on_sale,
    currency: card.currency,
    stock_status: card.stock_status,
    ...(card.variations.length
      ? { variations: card.variations.map((v) => ({ id: v.id, attributes: v.attributes, price: v.price })) }
      : {}),
    // Options without prices: the model can name them, and the shopper chooses on the product page.
    ...(card.variation_attributes ? { options: card.variation_attributes, choose_on_product_page: true } : {}),
  };
}
