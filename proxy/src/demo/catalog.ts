import { existsSync } from 'node:fs';
import path from 'node:path';
import { isShopperVisible } from '../catalog/cards';
import type { ProductSource, VariationLike } from '../catalog/types';
import type { SearchableProduct } from '../search/searchable-product';
import catalogJson from './catalog.json';
import variationsJson from './variations.json';

/**
 * The bundled demo store: a Hebrew pet shop in the WooCommerce REST v3 product
 * shape, so the offline demo runs the same card, search and widget code as a
 * real store. Permalinks and image URLs are stored host-relative
 * (`/demo/product/<slug>/`, `/demo/images/<file>`) and made absolute by
 * `loadDemoCatalog({ baseUrl })`, so the demo works on any host and port.
 */

export interface DemoImage {
  id: number;
  src: string;
  name: string;
  alt: string;
}

export interface DemoProduct extends SearchableProduct {
  slug: string;
  sku: string;
  description: string;
  short_description: string;
  stock_quantity: number | null;
  categories: Array<{ id: number; name: string; slug: string }>;
  tags: Array<{ id: number; name: string; slug: string }>;
  images: DemoImage[];
  attributes: Array<{ id: number; name: string; slug: string; options: string[]; variation: boolean }>;
  variations: number[];
  meta_data: Array<{ id: number; key: string; value: string }>;
}

export interface DemoVariation extends VariationLike {
  parent_id: number;
  sku: string;
  permalink: string;
  stock_quantity: number | null;
  image: DemoImage;
  attributes: Array<{ id: number; name: string; slug: string; option: string }>;
  meta_data: Array<{ id: number; key: string; value: string }>;
}

export interface DemoCatalog {
  /** Every product, including the draft, private and hidden ones a real store also has. */
  products: DemoProduct[];
  /** Variations by parent product id. */
  variations: ReadonlyMap<number, DemoVariation[]>;
}

/** The product shown on the demo home page: variable (sizes), on sale, with a gallery. */
export const DEMO_HOME_PRODUCT_SLUG = 'grain-free-dog-food-salmon';

/** Where the demo's images are served from; the demo router maps it to `demoImagesDir()`. */
export const DEMO_IMAGES_PATH = '/demo/images/';

/** A deep copy, so callers may change what they get without touching the bundled data. */
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function absolutize(url: string, baseUrl: string | undefined): string {
  return baseUrl ? new URL(url, baseUrl).toString() : url;
}

/**
 * A fresh copy of the demo catalog. With `baseUrl` (e.g. `http://localhost:8000`)
 * permalinks and images become absolute, which product cards require.
 */
export function loadDemoCatalog(options: { baseUrl?: string } = {}): DemoCatalog {
  const { baseUrl } = options;
  const products = copyOf(catalogJson as unknown as DemoProduct[]).map((p) => ({
    ...p,
    permalink: absolutize(p.permalink, baseUrl),
    images: p.images.map((img) => ({ ...img, src: absolutize(img.src, baseUrl) })),
  }));
  const variations = new Map<number, DemoVariation[]>();
  for (const [parentId, list] of Object.entries(variationsJson as unknown as Record<string, DemoVariation[]>)) {
    variations.set(
      Number(parentId),
      copyOf(list).map((v) => ({
        ...v,
        permalink: absolutize(v.permalink, baseUrl),
        image: { ...v.image, src: absolutize(v.image.src, baseUrl) },
      })),
    );
  }
  return { products, variations };
}

/** A shopper-visible product by slug (drafts, private and hidden products are never served). */
export function findDemoProductBySlug(catalog: DemoCatalog, slug: string): DemoProduct | undefined {
  return catalog.products.find((p) => p.slug === slug && isShopperVisible(p));
}

export function demoHomeProduct(catalog: DemoCatalog): DemoProduct {
  const product = findDemoProductBySlug(catalog, DEMO_HOME_PRODUCT_SLUG) ?? catalog.products.find(isShopperVisible);
  if (!product) throw new Error('The demo catalog has no shopper-visible product');
  return product;
}

/** The demo catalog as the product source behind `show_products` and offline cards. */
export function createDemoProductSource(catalog: DemoCatalog): ProductSource {
  const byId = new Map(catalog.products.map((p) => [p.id, p]));
  return {
    async getProductsByIds(ids) {
      return ids.flatMap((id) => {
        const product = byId.get(id);
        return product ? [product] : [];
      });
    },
    // The bundled variations are local: demo cards show them without a sync.
    localVariations(productId) {
      return catalog.variations.get(productId);
    },
  };
}

/** English text kept in meta_data for the demo page's English toggle. */
export function demoMeta(product: DemoProduct, key: 'name_en' | 'short_description_en' | 'description_en'): string {
  return product.meta_data.find((m) => m.key === key)?.value ?? '';
}

/**
 * The images folder. In the source tree it sits beside this file; `tsc` does not
 * copy images into `dist/`, so from a build it falls back to the source folder.
 */
export function demoImagesDir(): string {
  const candidates = [path.join(__dirname, 'images'), path.resolve(__dirname, '..', '..', 'src', 'demo', 'images')];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}
