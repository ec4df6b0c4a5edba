import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCatalog, startFakeWoo, type FakeWoo, type RawWooVariation } from '../fakes/woo';
import { clientFor } from './helpers';

const catalog = buildCatalog(250, { seed: 11 });
let fake: FakeWoo;

beforeAll(async () => {
  fake = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

const published = catalog.products.filter((p) => p.status === 'publish');

describe('listProducts', () => {
  test('reads X-WP-Total and X-WP-TotalPages and pages through every published product', async () => {
    const client = clientFor(fake);
    const first = await client.listProducts({ page: 1, perPage: 40, status: 'publish', orderby: 'id', order: 'asc' });
    expect(first.total).toBe(published.length);
    expect(first.totalPages).toBe(Math.ceil(published.length / 40));
    const seen = [...first.products];
    for (let page = 2; page <= (first.totalPages ?? 0); page++) {
      seen.push(...(await client.listProducts({ page, perPage: 40, status: 'publish', orderby: 'id', order: 'asc' })).products);
    }
    expect(seen.map((p) => p.id)).toEqual(published.map((p) => p.id));
    await client.close();
  });

  test('the fake links to the next page like the capture (the request query with page replaced)', async () => {
    const client = clientFor(fake, { authMode: 'oauth' });
    await client.listProducts({ page: 2, perPage: 10, status: 'publish', orderby: 'id', order: 'asc' });
    const log = fake.requests[0];
    expect(log?.query.page).toBe('2');
    await client.close();
    // The Link header itself is checked in fidelity.test.ts against the capture; here its absence is handled:
    fake.failNext({ type: 'drop-pagination', total: true });
    const again = clientFor(fake);
    const page = await again.listProducts({ page: 1, perPage: 10 });
    expect(page.products).toHaveLength(10);
    expect(page.total).toBeNull();
    expect(page.totalPages).toBeNull();
    await again.close();
  });

  test('modifiedAfter sends dates_are_gmt and only newer products come back', async () => {
    const client = clientFor(fake);
    const sorted = [...catalog.products].sort((a, b) => (a.date_modified_gmt < b.date_modified_gmt ? -1 : 1));
    const cutoff = sorted[Math.floor(sorted.length / 2)]?.date_modified_gmt ?? '';
    const expected = catalog.products.filter((p) => p.date_modified_gmt > cutoff).length;
    const page = await client.listProducts({ page: 1, perPage: 100, modifiedAfter: cutoff, orderby: 'modified', order: 'asc' });
    expect(page.total).toBe(expected);
    expect(page.products.every((p) => (p.date_modified_gmt ?? '') > cutoff)).toBe(true);
    expect(fake.requests[0]?.query.dates_are_gmt).toBe('true');
    await client.close();
  });

  test('a failure on page 3 only is retried and the walk completes', async () => {
    const client = clientFor(fake);
    fake.failNext({ type: 'status', status: 502, match: { page: 3 } });
    for (let page = 1; page <= 4; page++) await client.listProducts({ page, perPage: 20 });
    expect(fake.requests.filter((r) => r.query.page === '3').map((r) => r.status)).toEqual([502, 200]);
    expect(client.stats()).toEqual({ requests: 5, retries: 1 });
    await client.close();
  });
});

describe('getProductsByIds', () => {
  test('fetches up to 100 ids in exactly one request, drafts included, unknown ids skipped', async () => {
    const client = clientFor(fake);
    const ids = catalog.products.slice(0, 60).map((p) => p.id);
    const products = await client.getProductsByIds([...ids, 999_999]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.query.per_page).toBe('61');
    expect(products.map((p) => p.id)).toEqual(ids);
    expect(products.some((p) => p.status !== 'publish')).toBe(true);
    expect(await client.getProductsByIds([])).toEqual([]);
    expect(client.stats().requests).toBe(1);
    await client.close();
  });
});

describe('listVariations', () => {
  test('follows pagination until every variation is read', async () => {
    const parent = catalog.products.find((p) => p.type === 'variable');
    if (!parent) throw new Error('catalog has no variable product');
    const template = catalog.variations[parent.id]?.[0] as RawWooVariation;
    const many = Array.from({ length: 230 }, (_, i) => ({ ...template, id: 900_000 + i, sku: `${template.sku}-${i}` }));
    const big = await startFakeWoo({ products: catalog.products, variations: { ...catalog.variations, [parent.id]: many } });
    try {
      const client = clientFor(big);
      const variations = await client.listVariations(parent.id);
      expect(variations).toHaveLength(230);
      expect(new Set(variations.map((v) => v.id)).size).toBe(230);
      expect(big.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
      await client.close();
    } finally {
      await big.close();
    }
  });

  test('returns the attributes and stock of the captured kind', async () => {
    const parent = catalog.products.find((p) => p.type === 'variable' && (catalog.variations[p.id]?.length ?? 0) > 0);
    const client = clientFor(fake);
    const variations = await client.listVariations(parent?.id ?? 0);
    expect(variations.map((v) => v.id).sort()).toEqual((catalog.variations[parent?.id ?? 0] ?? []).map((v) => v.id).sort());
    expect(variations[0]?.attributes[0]?.slug).toMatch(/^pa_/);
    expect(client.stats().requests).toBe(1);
    await client.close();
  });
});

describe('connection reuse', () => {
  test('many requests travel over few keep-alive connections', async () => {
    const pooled = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
    try {
      const client = clientFor(pooled);
      for (let i = 0; i < 30; i++) await client.getProduct(catalog.products[i]?.id ?? 0);
      await Promise.all(Array.from({ length: 10 }, (_, i) => client.listProducts({ page: i + 1, perPage: 10 })));
      expect(pooled.requests).toHaveLength(40);
      // At most two for the sequential 30, then at most one per concurrent request for the burst of 10.
      expect(pooled.connections()).toBeLessThanOrEqual(12);
      // undici may open a second socket while the first is being released; 30 requests still share two.
      expect(new Set(pooled.requests.slice(0, 30).map((r) => r.connection)).size).toBeLessThanOrEqual(2);
      await client.close();
    } finally {
      await pooled.close();
    }
  });
});
