import { isShopperVisible } from '../catalog/cards';
import type { SearchableProduct } from '../search';
import { plainText } from '../search/plain-text';
import type { SearchRequest } from './arguments';
import { labelKey, labelMatches, listForModel } from './labels';

export type ProductFilter = (product: SearchableProduct) => boolean;
export type BuiltFilter = { ok: true; filter: ProductFilter } | { ok: false; error: string };

/** Every price a product can be bought at: its own, and those of the variations the sync kept. */
export function pricesOf(product: SearchableProduct): number[] {
  const variations = (product as { variation_options?: Array<{ price?: string }> }).variation_options ?? [];
  return [product.price, ...variations.map((v) => v.price ?? '')]
    .filter((p) => p !== '')
    .map(Number)
    .filter((p) => Number.isFinite(p));
}

export function lowestPrice(product: SearchableProduct): number | null {
  const prices = pricesOf(product);
  return prices.length ? Math.min(...prices) : null;
}

function categoryFilter(products: readonly SearchableProduct[], wanted: string): BuiltFilter {
  const key = labelKey(wanted);
  const names = new Set<string>();
  const matching = new Set<string>();
  for (const product of products) {
    for (const category of product.categories ?? []) {
      const name = plainText(category.name);
      const slug = category.slug ?? '';
      names.add(slug && slug !== name ? `${name} (${slug})` : name);
      if (labelMatches(key, labelKey(name)) || (slug && labelMatches(key, labelKey(slug)))) matching.add(name);
    }
  }
  if (matching.size === 0)
    return { ok: false, error: `unknown category "${wanted}". Categories in this store: ${listForModel(names)}` };
  return { ok: true, filter: (p) => (p.categories ?? []).some((c) => matching.has(plainText(c.name))) };
}

function attributeFilter(products: readonly SearchableProduct[], wanted: { name: string; value: string }): BuiltFilter {
  const nameKey = labelKey(wanted.name);
  const valueKey = labelKey(wanted.value);
  const allNames = new Set<string>();
  const values = new Set<string>();
  let nameKnown = false;
  const matches = (attribute: { name: string; options?: string[] }) =>
    labelMatches(nameKey, labelKey(attribute.name)) &&
    (attribute.options ?? []).some((option) => labelMatches(valueKey, labelKey(option)));
  for (const product of products) {
    for (const attribute of product.attributes ?? []) {
      allNames.add(attribute.name);
      if (!labelMatches(nameKey, labelKey(attribute.name))) continue;
      nameKnown = true;
      for (const option of attribute.options ?? []) values.add(option);
    }
  }
  if (!nameKnown) {
    const known = allNames.size
      ? `Attributes in this store: ${listForModel(allNames)}`
      : 'No product in this store has attributes';
    return { ok: false, error: `unknown attribute "${wanted.name}". ${known}` };
  }
  if (![...values].some((v) => labelMatches(valueKey, labelKey(v))))
    return {
      ok: false,
      error: `no product has ${wanted.name} "${wanted.value}". Values of ${wanted.name} in this store: ${listForModel(values)}`,
    };
  return { ok: true, filter: (p) => (p.attributes ?? []).some(matches) };
}

/**
 * The request's filters as one predicate over the catalog. Category and attribute
 * names are checked against what the store has, so a made-up one is an error the
 * model can correct rather than an empty result it might explain wrongly.
 */
export function buildFilter(products: readonly SearchableProduct[], request: SearchRequest): BuiltFilter {
  const filters: ProductFilter[] = [isShopperVisible];
  if (request.category) {
    const built = categoryFilter(products, request.category);
    if (!built.ok) return built;
    filters.push(built.filter);
  }
  for (const attribute of request.attributes) {
    const built = attributeFilter(products, attribute);
    if (!built.ok) return built;
    filters.push(built.filter);
  }
  const { minPrice, maxPrice } = request;
  if (minPrice !== null || maxPrice !== null) {
    filters.push((p) =>
      pricesOf(p).some((price) => (minPrice === null || price >= minPrice) && (maxPrice === null || price <= maxPrice)),
    );
  }
  if (request.inStock !== null) filters.push((p) => (p.stock_status === 'instock') === request.inStock);
  if (request.onSale !== null) filters.push((p) => p.on_sale === request.onSale);
  return { ok: true, filter: (p) => filters.every((f) => f(p)) };
}
