/**
 * GET /wc/v3/variations (WooCommerce 10.3+): every variation of many products in pages of 100.
 * The fake answers it like WC_REST_Variations_Controller (the per-product controller without a
 * product id), and the client groups what it returns by parent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCatalog, startFakeWoo, type FakeWoo, type RawWooVariation } from '../fakes/woo';
import { isNoRoute, isWooError } from '../../proxy/src/woo';
import { basicAuth, clientFor, loadCapture, rawGet, shapeDifferences, shapeOf } from './helpers';

const catalog = buildCatalog(120, { seed: 3 });
const variable = catalog.products.filter((p) => p.type === 'variable' && (catalog.variations[p.id]?.length ?? 0) > 0);
let fake: FakeWoo;

beforeAll(async () => {
  fake = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

describe('the fake GET /wc/v3/variations', () => {
  test('items have the captured variation shape; headers are those of a wc/v3 collection', async () => {
    const ids = variable.slice(0, 2).map((p) => p.id);
    // Without credentials WooCommerce refuses to list.
    expect((await rawGet(fake, `/wp-json/wc/v3/variations?parent=${ids.join(',')}`)).status).toBe(401);
    const client = clientFor(fake);
    const grouped = await client.listVariationsOfProducts(ids);
    const capture = loadCapture('variations');
    const raw = fake.requests.at(-1)!;
    expect(raw.path).toBe('/wp-json/wc/v3/variations');
    expect(raw.query).toMatchObject({ parent: ids.join(','), per_page: '100', orderby: 'id', order: 'asc' });
    // Basic auth needs HTTPS, as on the real store.
    const direct = await startFakeWoo({ https: true, products: catalog.products, variations: catalog.variations });
    try {
      const answer = await rawGet(direct, `/wp-json/wc/v3/variations?parent=${ids.join(',')}`, {
        headers: { authorization: basicAuth(direct.consumerKey, direct.consumerSecret) },
      });
      expect(answer.status).toBe(200);
      expect(shapeDifferences(shapeOf(capture.body), shapeOf(answer.json))).toEqual([]);
      const names = (h: Record<string, string>) =>
        Object.keys(h)
          .filter((k) => !['date', 'server', 'connection', 'transfer-encoding', 'keep-alive', 'content-length'].includes(k))
          .sort();
      expect(names(answer.headers)).toEqual(names(capture.headers));
      expect((answer.json as RawWooVariation[]).every((v) => ids.includes(v.parent_id))).toBe(true);
    } finally {
      await direct.close();
    }
    for (const id of ids)
      expect(
        grouped
          .get(id)
          ?.map((v) => v.id)
          .sort(),
      ).toEqual(catalog.variations[id]!.map((v) => v.id).sort());
    await client.close();
  });

  test('per_page above 100 is refused like WordPress does (arguments are checked before permissions)', async () => {
    const answer = await rawGet(fake, '/wp-json/wc/v3/variations?per_page=101');
    expect(answer.status).toBe(400);
    expect((answer.json as { code: string }).code).toBe('rest_invalid_param');
  });
});

describe('listVariationsOfProducts', () => {
  test('pages of 100 ordered by id, grouped by parent, an entry for every id asked for', async () => {
    const [a, b] = variable;
    const template = catalog.variations[a!.id]![0]!;
    const many = Array.from({ length: 230 }, (_, i) => ({ ...template, id: 900_000 + i, parent_id: a!.id }));
    const simple = catalog.products.find((p) => p.type === 'simple')!;
    const big = await startFakeWoo({ products: catalog.products, variations: { ...catalog.variations, [a!.id]: many } });
    try {
      const client = clientFor(big);
      const grouped = await client.listVariationsOfProducts([a!.id, b!.id, simple.id]);
      expect(grouped.get(a!.id)).toHaveLength(230);
      expect(grouped.get(b!.id)?.map((v) => v.id)).toEqual(catalog.variations[b!.id]!.map((v) => v.id).sort((x, y) => x - y));
      expect(grouped.get(simple.id)).toEqual([]);
      // 230 + 3 variations: three pages, nothing read twice.
      expect(big.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
      expect(big.requests.every((r) => r.path === '/wp-json/wc/v3/variations')).toBe(true);
      await client.close();
    } finally {
      await big.close();
    }
  });

  test('no ids: no request', async () => {
    const client = clientFor(fake);
    expect((await client.listVariationsOfProducts([])).size).toBe(0);
    expect(fake.requests).toHaveLength(0);
    await client.close();
  });

  test('a store before WooCommerce 10.3 answers 404 rest_no_route, which isNoRoute recognises', async () => {
    const old = await startFakeWoo({ products: catalog.products, variations: catalog.variations, variationsRoute: false });
    try {
      const client = clientFor(old);
      const error = await client.listVariationsOfProducts([variable[0]!.id]).catch((e: unknown) => e);
      expect(isWooError(error) && error.kind).toBe('not_found');
      expect(isNoRoute(error)).toBe(true);
      expect(isNoRoute(new Error('rest_no_route'))).toBe(false);
      await client.close();
    } finally {
      await old.close();
    }
  });
});
