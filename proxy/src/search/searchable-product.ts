import { plainText } from './plain-text';
import type { ProductLike } from '../catalog/types';

/**
 * The WooCommerce REST v3 product fields the search reads. The synced catalog
 * and the bundled demo catalog both satisfy it; everything past ProductLike is
 * optional so a partial product still indexes.
 */
export interface SearchableProduct extends ProductLike {
  description?: string;
  short_description?: string;
  categories?: Array<{ name: string; slug?: string }>;
  tags?: Array<{ name: string; slug?: string }>;
  attributes?: Array<{ name: string; options?: string[]; option?: string }>;
  meta_data?: Array<{ key: string; value: unknown }>;
  /** Optional English name (the demo keeps it in meta_data `name_en`; either works). */
  name_en?: string;
}

/** The fields of one indexed document, as plain text. */
export interface SearchDocument {
  id: number;
  name: string;
  nameEn: string;
  categories: string;
  tags: string;
  sku: string;
  slug: string;
  attributes: string;
  shortDescription: string;
  description: string;
}

export type SearchField = Exclude<keyof SearchDocument, 'id'>;

/**
 * Why these weights: the name says what a product is; categories and the
 * English name are curated labels; a SKU match is near-certain intent but SKUs
 * are rare in queries; descriptions are long and mention other things.
 */
export const FIELD_BOOSTS: Readonly<Record<SearchField, number>> = {
  name: 6,
  nameEn: 4,
  categories: 4,
  sku: 8,
  tags: 2,
  slug: 1.5,
  attributes: 1.5,
  shortDescription: 1.2,
  description: 1,
};

export const SEARCH_FIELDS = Object.keys(FIELD_BOOSTS) as SearchField[];

const ENGLISH_NAME_META_KEY = 'name_en';

export function englishNameOf(product: SearchableProduct): string {
  if (product.name_en) return product.name_en;
  const meta = product.meta_data?.find((m) => m.key === ENGLISH_NAME_META_KEY);
  return typeof meta?.value === 'string' ? meta.value : '';
}

const labelText = (labels: Array<{ name: string; slug?: string }> | undefined): string =>
  (labels ?? []).map((l) => `${plainText(l.name)} ${(l.slug ?? '').replace(/-/g, ' ')}`).join(' ; ');

export function toSearchDocument(product: SearchableProduct): SearchDocument {
  return {
    id: product.id,
    name: plainText(product.name),
    nameEn: englishNameOf(product),
    categories: labelText(product.categories),
    tags: labelText(product.tags),
    sku: product.sku ?? '',
    slug: (product.slug ?? '').replace(/-/g, ' '),
    attributes: (product.attributes ?? []).map((a) => [a.name, ...(a.options ?? []), a.option ?? ''].join(' ')).join(' ; '),
    shortDescription: plainText(product.short_description),
    description: plainText(product.description),
  };
}
