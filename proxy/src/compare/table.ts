import { htmlToPlain, safeStoreUrl } from '../catalog/cards';
import type { ProductLike } from '../catalog/types';
import type { ComparisonItem, ComparisonTable, StockStatus } from '../contract/events';

const STOCK: readonly StockStatus[] = ['instock', 'outofstock', 'onbackorder'];

export interface TableOptions {
  currency: string;
  allowedHosts: ReadonlySet<string>;
}

const STRUCK = /<del\b[^>]*>([\s\S]*?)<\/del>/i;
const INSERTED = /<ins\b[^>]*>([\s\S]*?)<\/ins>/i;

/**
 * The store's own formatted price (WooCommerce's price_html as text); the bare amount
 * only when the store sent none. A sale is `<del>regular</del> <ins>sale</ins>` there:
 * split, so the table can strike the regular price through as the store does.
 */
function prices(product: ProductLike, currency: string): { price_html: string; regular_price_html?: string } {
  const html = product.price_html ?? '';
  const struck = STRUCK.exec(html)?.[1];
  const inserted = INSERTED.exec(html)?.[1];
  if (struck && inserted && htmlToPlain(struck) && htmlToPlain(inserted))
    return { price_html: htmlToPlain(inserted), regular_price_html: htmlToPlain(struck) };
  const text = htmlToPlain(html);
  if (text) return { price_html: text };
  return { price_html: product.price ? `${product.price} ${currency}` : '' };
}

/** WooCommerce sends "0.00" with rating_count 0 for a product nobody reviewed: that is no rating, not zero stars. */
function rating(product: ProductLike): number | null {
  const value = Number(product.average_rating);
  return (product.rating_count ?? 0) > 0 && Number.isFinite(value) ? Math.min(5, Math.max(0, value)) : null;
}

export function toComparisonItem(product: ProductLike, options: TableOptions): ComparisonItem {
  const attributes: Record<string, string> = {};
  for (const attribute of product.attributes ?? []) {
    // What the store shows on the product page: visible attributes and the ones shoppers choose from.
    if (attribute.visible === false && !attribute.variation) continue;
    const name = htmlToPlain(attribute.name);
    const values = (attribute.options ?? []).map(htmlToPlain).filter(Boolean);
    if (name && values.length && !(name in attributes)) attributes[name] = values.join(', ');
  }
  return {
    id: product.id,
    name: htmlToPlain(product.name),
    permalink: safeStoreUrl(product.permalink, options.allowedHosts) ?? '',
    ...prices(product, options.currency),
    stock_status: (STOCK as readonly string[]).includes(product.stock_status)
      ? (product.stock_status as StockStatus)
      : 'outofstock',
    rating: rating(product),
    rating_count: product.rating_count ?? 0,
    attributes,
  };
}

/** Rows: every attribute any product has, in the order they first appear. */
export function toComparisonTable(products: readonly ProductLike[], options: TableOptions): ComparisonTable {
  const items = products.map((p) => toComparisonItem(p, options));
  const rows: string[] = [];
  for (const item of items) for (const name of Object.keys(item.attributes)) if (!rows.includes(name)) rows.push(name);
  return { items, rows };
}
