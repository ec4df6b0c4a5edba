/**
 * The fake must answer the captured requests with the same keys (recursively)
 * and the same significant headers as the real WooCommerce 11.0.1 store.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { basicAuth, loadCapture, rawGet, shapeDifferences, shapeOf, type RawAnswer } from './helpers';

const catalog = buildCatalog(60, { seed: 5 });
let fake: FakeWoo;
let auth: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeWoo({
    https: true,
    products: catalog.products,
    variations: catalog.variations,
    categories: catalog.categories,
  });
  auth = { authorization: basicAuth(fake.consumerKey, fake.consumerSecret) };
});
afterAll(() => fake.close());

/** Headers whose presence matters; Date, Server and transport headers vary. */
const IGNORED_HEADERS = new Set(['date', 'server', 'connection', 'transfer-encoding', 'keep-alive', 'content-length']);

function expectSameAs(captureName: string, answer: RawAnswer): void {
  const capture = loadCapture(captureName);
  expect(answer.status).toBe(capture.status);
  expect(shapeDifferences(shapeOf(capture.body), shapeOf(answer.json))).toEqual([]);
  const names = (h: Record<string, string>) =>
    Object.keys(h)
      .filter((k) => !IGNORED_HEADERS.has(k))
      .sort();
  expect(names(answer.headers)).toEqual(names(capture.headers));
}

describe('wc/v3 answers have the captured shape', () => {
  test('products page 1 with pagination headers and Link', async () => {
    const answer = await rawGet(fake, '/wp-json/wc/v3/products?per_page=10&page=1&status=publish&orderby=id&order=asc', {
      headers: auth,
    });
    expectSameAs('products-page1', answer);
    const published = catalog.products.filter((p) => p.status === 'publish').length;
    expect(answer.headers['x-wp-total']).toBe(String(published));
    expect(answer.headers.link).toBe(
      `<${fake.url}/wp-json/wc/v3/products?per_page=10&page=2&status=publish&orderby=id&order=asc>; rel="next"`,
    );
  });

  test('the body is encoded like wp_json_encode (\\uXXXX and \\/)', async () => {
    const answer = await rawGet(fake, '/wp-json/wc/v3/products?per_page=1', { headers: auth });
    expect(answer.text).toMatch(/\\u05[0-9a-f]{2}/);
    expect(answer.text).toContain('https:\\/\\/');
  });

  test('a middle page links to prev and next', async () => {
    const answer = await rawGet(fake, '/wp-json/wc/v3/products?per_page=10&page=2', { headers: auth });
    expect(answer.headers.link).toMatch(/page=1>; rel="prev", <.*page=3>; rel="next"$/);
  });

  test('include=', async () => {
    const ids = catalog.products.slice(0, 3).map((p) => p.id);
    expectSameAs('products-include', await rawGet(fake, `/wp-json/wc/v3/products?include=${ids.join(',')}`, { headers: auth }));
  });

  test('variations', async () => {
    const parent = catalog.products.find((p) => p.type === 'variable');
    expectSameAs('variations', await rawGet(fake, `/wp-json/wc/v3/products/${parent?.id ?? 0}/variations`, { headers: auth }));
  });

  test('categories', async () => {
    const answer = await rawGet(fake, '/wp-json/wc/v3/products/categories?per_page=100', { headers: auth });
    expectSameAs('categories', answer);
    const capture = loadCapture('categories');
    const slugs = (body: unknown) => (body as Array<{ slug: string }>).map((c) => c.slug);
    expect(slugs(answer.json)).toEqual(slugs(capture.body));
  });

  test('errors: not found, per_page=101, wrong secret, rest_route, Basic over HTTP', async () => {
    expectSameAs('error-not-found', await rawGet(fake, '/wp-json/wc/v3/products/999999', { headers: auth }));
    expectSameAs('error-per-page-101', await rawGet(fake, '/wp-json/wc/v3/products?per_page=101', { headers: auth }));
    expectSameAs(
      'error-wrong-secret',
      await rawGet(fake, '/wp-json/wc/v3/products', { headers: { authorization: basicAuth(fake.consumerKey, 'nope') } }),
    );
    expectSameAs('error-rest-route-query', await rawGet(fake, '/?rest_route=/wc/v3/products', { headers: auth }));
    const plain = await startFakeWoo({ products: catalog.products });
    try {
      expectSameAs('error-basic-over-http', await rawGet(plain, '/wp-json/wc/v3/products', { headers: auth }));
    } finally {
      await plain.close();
    }
  });
});

describe('Store API answers have the captured shape', () => {
  test('products, cart, add-item without and with nonce', async () => {
    expectSameAs('store-api-products', await rawGet(fake, '/wp-json/wc/store/v1/products?per_page=3'));
    const cart = await rawGet(fake, '/wp-json/wc/store/v1/cart');
    expectSameAs('store-api-cart', cart);
    const simple = catalog.products.find((p) => p.type === 'simple' && p.status === 'publish' && p.stock_status === 'instock');
    const body = JSON.stringify({ id: simple?.id, quantity: 1 });
    const json = { 'content-type': 'application/json' };
    expectSameAs(
      'store-api-add-item-no-nonce',
      await rawGet(fake, '/wp-json/wc/store/v1/cart/add-item', { method: 'POST', headers: json, body }),
    );
    const added = await rawGet(fake, '/wp-json/wc/store/v1/cart/add-item', {
      method: 'POST',
      headers: { ...json, nonce: cart.headers.nonce ?? '', 'cart-token': cart.headers['cart-token'] ?? '' },
      body,
    });
    expectSameAs('store-api-add-item', added);
  });
});
