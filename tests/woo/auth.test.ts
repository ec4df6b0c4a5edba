import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { signRequest, WooError } from '../../proxy/src/woo';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { basicAuth, clientFor, loadCapture, rawGet } from './helpers';

const catalog = buildCatalog(25, { seed: 7 });

async function caught(promise: Promise<unknown>): Promise<WooError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WooError);
  return error as WooError;
}

describe('over plain HTTP', () => {
  let fake: FakeWoo;
  beforeAll(async () => {
    fake = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
  });
  afterAll(() => fake.close());

  test('the client signs with OAuth 1.0a and WooCommerce accepts it', async () => {
    const client = clientFor(fake);
    const page = await client.listProducts({ page: 1, perPage: 5, status: 'publish', orderby: 'id', order: 'asc' });
    expect(page.products).toHaveLength(5);
    const last = fake.requests[fake.requests.length - 1];
    expect(last?.auth).toBe('oauth');
    expect(last?.query.oauth_signature_method).toBe('HMAC-SHA256');
    expect(last?.query).not.toHaveProperty('consumer_secret');
    await client.close();
  });

  test('an include= list with commas is signed correctly (values are double-encoded in the base string)', async () => {
    const client = clientFor(fake);
    const ids = catalog.products.slice(0, 4).map((p) => p.id);
    const products = await client.getProductsByIds(ids);
    expect(products.map((p) => p.id).sort()).toEqual([...ids].sort());
    await client.close();
  });

  test('HTTP Basic over plain HTTP is ignored, exactly as the capture', async () => {
    const capture = loadCapture('error-basic-over-http');
    const answer = await rawGet(fake, '/wp-json/wc/v3/products', {
      headers: { authorization: basicAuth(fake.consumerKey, fake.consumerSecret) },
    });
    expect(answer.status).toBe(capture.status);
    expect(answer.json).toEqual(capture.body);
    expect(answer.headers.vary).toBe('Origin');
  });

  test('a client forced to Basic over HTTP gets an auth error that explains why', async () => {
    const client = clientFor(fake, { authMode: 'basic', retries: 0 });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.code).toBe('woocommerce_rest_cannot_view');
    expect(error.message).toMatch(/woocommerce_rest_cannot_view/);
    expect(error.message).not.toContain(fake.consumerSecret);
    await client.close();
  });

  test('a wrong secret under OAuth is rejected with woocommerce_rest_authentication_error', async () => {
    const client = clientFor(fake, { consumerSecret: 'cs_wrong', retries: 0 });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('woocommerce_rest_authentication_error');
    expect(error.message).toContain('Invalid signature - provided signature does not match.');
    expect(error.message).not.toContain('cs_wrong');
    await client.close();
  });

  test('old timestamps, replayed nonces and tampered signatures are rejected', async () => {
    const endpoint = `${fake.url}/wp-json/wc/v3/products`;
    const creds = { consumerKey: fake.consumerKey, consumerSecret: fake.consumerSecret };
    const stale = signRequest('GET', endpoint, [['per_page', '5']], creds, 'oauth', {
      timestampSeconds: Math.floor(Date.now() / 1000) - 3600,
    });
    const staleAnswer = await rawGet(fake, stale.url.slice(fake.url.length));
    expect(staleAnswer.status).toBe(401);
    expect(staleAnswer.json).toMatchObject({ code: 'woocommerce_rest_authentication_error', message: 'Invalid timestamp.' });

    const fresh = signRequest('GET', endpoint, [['per_page', '5']], creds, 'oauth', { signatureMethod: 'HMAC-SHA1' });
    expect((await rawGet(fake, fresh.url.slice(fake.url.length))).status).toBe(200);
    const replay = await rawGet(fake, fresh.url.slice(fake.url.length));
    expect(replay.json).toMatchObject({ message: 'Invalid nonce - nonce has already been used.' });

    const other = signRequest('GET', endpoint, [['per_page', '5']], creds, 'oauth');
    const tampered = other.url.replace('per_page=5', 'per_page=6');
    const tamperedAnswer = await rawGet(fake, tampered.slice(fake.url.length));
    expect(tamperedAnswer.json).toMatchObject({ message: 'Invalid signature - provided signature does not match.' });
  });
});

describe('over HTTPS with a self-signed certificate', () => {
  let fake: FakeWoo;
  beforeAll(async () => {
    fake = await startFakeWoo({ https: true, products: catalog.products, variations: catalog.variations });
  });
  afterAll(() => fake.close());

  test('the client uses HTTP Basic and WooCommerce accepts it', async () => {
    const client = clientFor(fake);
    const product = await client.getProduct(catalog.products[0]?.id ?? 0);
    expect(product.name).toBe(catalog.products[0]?.name);
    expect(fake.requests[fake.requests.length - 1]?.auth).toBe('basic');
    await client.close();
  });

  test('query-string keys work over HTTPS and the secret never reaches an error message', async () => {
    const client = clientFor(fake, { authMode: 'query', retries: 0 });
    expect((await client.listProducts({ page: 1, perPage: 2 })).products).toHaveLength(2);
    expect(fake.requests[fake.requests.length - 1]?.auth).toBe('query');
    fake.failNext({ type: 'status', status: 400 });
    const error = await caught(client.listProducts({ page: 1, perPage: 2 }));
    expect(error.url).toContain('consumer_secret=REDACTED');
    expect(`${error.message} ${error.url}`).not.toContain(fake.consumerSecret);
    await client.close();
  });

  test('a wrong secret answers like the capture and the client names the code', async () => {
    const capture = loadCapture('error-wrong-secret');
    const answer = await rawGet(fake, '/wp-json/wc/v3/products', {
      headers: { authorization: basicAuth(fake.consumerKey, 'cs_not_the_secret') },
    });
    expect(answer.status).toBe(capture.status);
    expect(answer.json).toEqual(capture.body);
    expect(answer.headers).not.toHaveProperty('www-authenticate');

    const client = clientFor(fake, { consumerSecret: 'cs_not_the_secret', retries: 0 });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toContain('woocommerce_rest_authentication_error: Consumer secret is invalid.');
    expect(error.message).not.toContain('cs_not_the_secret');
    expect(client.stats().retries).toBe(0);
    await client.close();
  });

  test('?rest_route= bypasses WooCommerce authentication and answers 401 like the capture', async () => {
    const capture = loadCapture('error-rest-route-query');
    const answer = await rawGet(fake, '/?rest_route=/wc/v3/products', {
      headers: { authorization: basicAuth(fake.consumerKey, fake.consumerSecret) },
    });
    expect(answer.status).toBe(capture.status);
    expect(answer.json).toEqual(capture.body);
  });

  test('without the CA the client reports a network error and does not retry it', async () => {
    const client = clientFor(fake, { dispatcher: undefined, retries: 3 });
    const error = await caught(client.listProducts({ page: 1, perPage: 1 }));
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(false);
    expect(client.stats()).toEqual({ requests: 1, retries: 0 });
    await client.close();
  });
});

describe('base URLs', () => {
  test('a subdirectory install with a trailing slash, over OAuth', async () => {
    const fake = await startFakeWoo({ pathPrefix: '/shop', products: catalog.products, variations: catalog.variations });
    try {
      const client = clientFor(fake, { baseUrl: `${fake.url}/` });
      const page = await client.listProducts({ page: 1, perPage: 3 });
      expect(page.products).toHaveLength(3);
      expect(fake.requests[0]?.path).toBe('/shop/wp-json/wc/v3/products');
      expect(fake.requests.some((r) => 'rest_route' in r.query)).toBe(false);
      await client.close();
    } finally {
      await fake.close();
    }
  });
});
