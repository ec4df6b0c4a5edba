import { describe, expect, test } from '@jest/globals';
import { wooProductSchema, wooVariationSchema } from '../../proxy/src/woo';
import { buildCatalog } from '../fakes/woo';
import { loadCapture, shapeDifferences, shapeOf } from './helpers';

describe('buildCatalog', () => {
  test('is deterministic per seed', () => {
    expect(buildCatalog(50, { seed: 42 })).toEqual(buildCatalog(50, { seed: 42 }));
    expect(buildCatalog(50, { seed: 42 }).products.map((p) => p.name)).not.toEqual(
      buildCatalog(50, { seed: 43 }).products.map((p) => p.name),
    );
  });

  test('has the mix a real shop has', () => {
    const { products, variations } = buildCatalog(1000);
    const count = (predicate: (p: (typeof products)[number]) => boolean) => products.filter(predicate).length;
    expect(products).toHaveLength(1000);
    expect(new Set(products.map((p) => p.id)).size).toBe(1000);
    expect(count((p) => p.type === 'variable')).toBeGreaterThan(100);
    expect(count((p) => p.status === 'draft')).toBeGreaterThan(10);
    expect(count((p) => p.status === 'private')).toBeGreaterThan(5);
    expect(count((p) => p.catalog_visibility === 'hidden')).toBeGreaterThan(5);
    expect(count((p) => p.on_sale)).toBeGreaterThan(100);
    expect(count((p) => p.date_on_sale_to !== null)).toBeGreaterThan(10);
    expect(count((p) => p.stock_status === 'outofstock')).toBeGreaterThan(20);
    expect(count((p) => /^\d{13}$/.test(p.global_unique_id))).toBeGreaterThan(100);
    expect(products.every((p) => /[\u0590-\u05ff]/.test(p.name))).toBe(true);
    for (const p of products.filter((x) => x.type === 'variable')) {
      expect(variations[p.id]?.map((v) => v.id).sort()).toEqual([...p.variations].sort());
      expect(p.price).toBe(Math.min(...(variations[p.id] ?? []).map((v) => Number(v.price))).toFixed(2));
    }
  });

  test('products and variations have the captured keys and parse with the client schemas', () => {
    const { products, variations } = buildCatalog(40);
    const realProduct = (loadCapture('products-page1').body as unknown[])[0];
    const realVariation = (loadCapture('variations').body as unknown[])[0];
    const variable = products.find((p) => p.type === 'variable');
    for (const p of products) {
      expect(shapeDifferences(shapeOf(realProduct), shapeOf(p))).toEqual([]);
      expect(wooProductSchema.safeParse(p).success).toBe(true);
    }
    for (const v of variations[variable?.id ?? 0] ?? []) {
      expect(shapeDifferences(shapeOf(realVariation), shapeOf(v))).toEqual([]);
      expect(wooVariationSchema.safeParse(v).success).toBe(true);
    }
  });

  test('the client schemas accept the real captures', () => {
    for (const p of loadCapture('products-page1').body as unknown[]) expect(wooProductSchema.parse(p).id).toBeGreaterThan(0);
    for (const v of loadCapture('variations').body as unknown[])
      expect(wooVariationSchema.parse(v).attributes[0]?.slug).toBe('pa_weight');
  });

  // How fast it builds is a benchmark matter (bench/sync.ts builds 100,000); a wall-clock bound here failed on a busy machine.
  test('builds 20,000 products with unique ascending ids', () => {
    const ids = buildCatalog(20_000).products.map((p) => p.id);
    expect(ids).toHaveLength(20_000);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
  });
});
