import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isShopperVisible, toCard } from '../../proxy/src/catalog/cards';
import {
  createDemoProductSource,
  demoHomeProduct,
  demoImagesDir,
  findDemoProductBySlug,
  loadDemoCatalog,
} from '../../proxy/src/demo';

const price = z.string().regex(/^(\d+\.\d{2})?$/);
const image = z.object({
  id: z.number().int(),
  src: z.string().regex(/^\/demo\/images\/[a-z0-9-]+\.svg$/),
  name: z.string(),
  alt: z.string().min(1),
});
const label = z.object({ id: z.number().int(), name: z.string().min(1), slug: z.string().regex(/^[a-z0-9-]+$/) });

const productSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(3),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  permalink: z.string().regex(/^\/demo\/product\/[a-z0-9-]+\/$/),
  type: z.enum(['simple', 'variable']),
  status: z.enum(['publish', 'draft', 'private', 'pending']),
  catalog_visibility: z.enum(['visible', 'catalog', 'search', 'hidden']),
  sku: z.string().min(3),
  price,
  regular_price: price,
  sale_price: price,
  on_sale: z.boolean(),
  price_html: z.string().min(1),
  stock_status: z.enum(['instock', 'outofstock', 'onbackorder']),
  stock_quantity: z.number().int().nonnegative().nullable(),
  description: z.string().startsWith('<p>'),
  short_description: z.string().startsWith('<p>'),
  categories: z.array(label).min(1),
  tags: z.array(label),
  attributes: z.array(
    z.object({ id: z.number(), name: z.string(), slug: z.string(), options: z.array(z.string()).min(1), variation: z.boolean() }),
  ),
  variations: z.array(z.number().int()),
  images: z.array(image).min(1),
  meta_data: z.array(z.object({ id: z.number(), key: z.string(), value: z.string() })),
});

const variationSchema = z.object({
  id: z.number().int().positive(),
  parent_id: z.number().int(),
  status: z.literal('publish'),
  price: price.refine((p) => p !== ''),
  regular_price: price.refine((p) => p !== ''),
  sale_price: price,
  on_sale: z.boolean(),
  stock_status: z.enum(['instock', 'outofstock']),
  stock_quantity: z.number().int().nonnegative(),
  attributes: z.array(z.object({ id: z.number(), name: z.string(), slug: z.string(), option: z.string() })).length(1),
});

const rawProducts = JSON.parse(readFileSync(path.join(__dirname, '../../proxy/src/demo/catalog.json'), 'utf8')) as unknown[];
const rawVariations = JSON.parse(readFileSync(path.join(__dirname, '../../proxy/src/demo/variations.json'), 'utf8')) as Record<
  string,
  unknown[]
>;

describe('the bundled demo catalog', () => {
  const catalog = loadDemoCatalog();
  const { products } = catalog;

  it('has between 30 and 100 products', () => {
    expect(rawProducts.length).toBeGreaterThanOrEqual(30);
    expect(rawProducts.length).toBeLessThanOrEqual(100);
  });

  it('has products in the WooCommerce REST v3 shape', () => {
    for (const raw of rawProducts) expect(() => productSchema.parse(raw)).not.toThrow();
  });

  it('has variations in the REST v3 shape', () => {
    for (const list of Object.values(rawVariations))
      for (const raw of list) expect(() => variationSchema.parse(raw)).not.toThrow();
  });

  it('has unique ids, slugs and SKUs', () => {
    const variationIds = Object.values(rawVariations)
      .flat()
      .map((v) => (v as { id: number }).id);
    const ids = [...products.map((p) => p.id), ...variationIds];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(products.map((p) => p.slug)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
  });

  it('gives every variable product its variations, and only variable products have them', () => {
    const variable = products.filter((p) => p.type === 'variable');
    expect(variable.length).toBeGreaterThanOrEqual(1);
    for (const p of products) {
      const listed = catalog.variations.get(p.id) ?? [];
      if (p.type === 'variable') {
        expect(p.variations.length).toBeGreaterThan(0);
        expect(listed.map((v) => v.id)).toEqual(p.variations);
        for (const v of listed) expect(v.parent_id).toBe(p.id);
        const options = p.attributes.find((a) => a.variation)?.options ?? [];
        expect(listed.map((v) => v.attributes[0]?.option)).toEqual(options);
      } else {
        expect(p.variations).toEqual([]);
        expect(listed).toEqual([]);
      }
    }
  });

  it('keeps prices consistent with the sale flags', () => {
    for (const p of products.filter((x) => x.type === 'simple')) {
      expect(p.on_sale).toBe(p.sale_price !== '');
      expect(p.price).toBe(p.on_sale ? p.sale_price : p.regular_price);
      if (p.on_sale) expect(Number(p.sale_price)).toBeLessThan(Number(p.regular_price));
      expect(p.stock_status === 'outofstock').toBe(p.stock_quantity === 0);
    }
  });

  it('covers dogs, cats, birds, fish and small animals, and food, toys, beds, leashes and grooming', () => {
    const slugs = new Set(products.flatMap((p) => p.categories.map((c) => c.slug)));
    for (const slug of [
      'dogs',
      'cats',
      'birds',
      'fish-aquarium',
      'small-animals',
      'dog-food',
      'cat-food',
      'toys',
      'beds',
      'leashes-collars',
      'grooming',
    ]) {
      expect(slugs).toContain(slug);
    }
    expect(products.some((p) => p.on_sale)).toBe(true);
    expect(products.some((p) => p.stock_status === 'outofstock')).toBe(true);
    expect(products.some((p) => p.type === 'variable' && p.attributes.some((a) => a.slug === 'pa_size'))).toBe(true);
  });

  it('has an English name for every product', () => {
    for (const p of products) expect(p.meta_data.find((m) => m.key === 'name_en')?.value).toMatch(/[a-z]/i);
  });

  it('ships every image it references, as a small SVG', () => {
    const dir = demoImagesDir();
    const refs = [
      ...products.flatMap((p) => p.images.map((i) => i.src)),
      ...[...catalog.variations.values()].flat().map((v) => v.image.src),
    ];
    for (const src of refs) {
      const file = path.join(dir, path.basename(src));
      expect(existsSync(file)).toBe(true);
      const svg = readFileSync(file, 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toMatch(/<script|on\w+=/i);
      expect(svg.length).toBeLessThan(8000);
    }
  });

  it('makes permalinks and images absolute for a given base URL', () => {
    const absolute = loadDemoCatalog({ baseUrl: 'http://127.0.0.1:4321' });
    const p = absolute.products[0]!;
    expect(p.permalink).toBe(`http://127.0.0.1:4321/demo/product/${p.slug}/`);
    expect(p.images[0]?.src).toMatch(/^http:\/\/127\.0\.0\.1:4321\/demo\/images\//);
    // The shared copy is untouched.
    expect(loadDemoCatalog().products[0]?.permalink).toBe(`/demo/product/${p.slug}/`);
  });

  it('produces product cards through the shared card mapper', async () => {
    const absolute = loadDemoCatalog({ baseUrl: 'http://localhost:8000' });
    const source = createDemoProductSource(absolute);
    const home = demoHomeProduct(absolute);
    const [found] = await source.getProductsByIds([home.id, 999999]);
    expect(found?.id).toBe(home.id);
    const card = toCard(found!, source.localVariations?.(home.id) ?? null, {
      currency: 'ILS',
      allowedHosts: new Set(['localhost:8000']),
    });
    expect(card.permalink).toBe(`http://localhost:8000/demo/product/${home.slug}/`);
    expect(card.image?.src).toMatch(/^http:\/\/localhost:8000\/demo\/images\//);
    expect(card.variations.length).toBeGreaterThan(0);
  });

  it('finds only shopper-visible products by slug', () => {
    for (const p of products) {
      expect(findDemoProductBySlug(catalog, p.slug)?.id).toBe(isShopperVisible(p) ? p.id : undefined);
    }
    expect(findDemoProductBySlug(catalog, 'no-such-product')).toBeUndefined();
  });
});
