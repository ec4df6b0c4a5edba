import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { WooError } from '../../proxy/src/woo';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { clientFor, loadCapture, rawGet } from './helpers';

const catalog = buildCatalog(30, { seed: 3 });
let fake: FakeWoo;

beforeAll(async () => {
  fake = await startFakeWoo({ https: true, products: catalog.products, variations: catalog.variations });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

async function caught(promise: Promise<unknown>): Promise<WooError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WooError);
  return error as WooError;
}

describe('answers that are not products', () => {
  test('an unknown product is a not_found error with WooCommerce code, body as the capture', async () => {
    const capture = loadCapture('error-not-found');
    const client = clientFor(fake);
    const error = await caught(client.getProduct(999999));
    expect(error.kind).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.code).toBe('woocommerce_rest_product_invalid_id');
    expect(client.stats()).toEqual({ requests: 1, retries: 0 });
    const answer = await rawGet(fake, '/wp-json/wc/v3/products/999999', {
      headers: { authorization: `Basic ${Buffer.from(`${fake.consumerKey}:${fake.consumerSecret}`).toString('base64')}` },
    });
    expect(answer.json).toEqual(capture.body);
    await client.close();
  });

  test('a wrong store URL (theme 404 page) says to check the URL and permalinks', async () => {
    const client = clientFor(fake, { baseUrl: `${fake.url}/wrong-dir` });
    const error = await caught(client.listProducts({ page: 1, perPage: 1 }));
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/permalinks/);
    expect(error.message).toContain('העמוד לא נמצא');
    await client.close();
  });

  test('an HTML page with status 200 is a not_json error and is not retried', async () => {
    const client = clientFor(fake, { retries: 3 });
    fake.failNext({ type: 'html' });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('not_json');
    expect(error.message).toContain('Just a moment...');
    expect(error.message).toMatch(/cache, security or maintenance plugin/);
    expect(client.stats()).toEqual({ requests: 1, retries: 0 });
    await client.close();
  });

  test('JSON in the wrong shape is an invalid_response error naming the field', async () => {
    const client = clientFor(fake);
    fake.failNext({ type: 'status', status: 200, body: [{ id: 'seven', name: 'x' }] });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toMatch(/0\.id/);
    await client.close();
  });

  test('per_page above 100 is refused by WooCommerce like the capture, and by the client before sending', async () => {
    const capture = loadCapture('error-per-page-101');
    const auth = `Basic ${Buffer.from(`${fake.consumerKey}:${fake.consumerSecret}`).toString('base64')}`;
    const answer = await rawGet(fake, '/wp-json/wc/v3/products?per_page=101', { headers: { authorization: auth } });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(capture.body);

    const client = clientFor(fake);
    await expect(client.listProducts({ page: 1, perPage: 101 })).rejects.toThrow(RangeError);
    await expect(client.getProductsByIds(Array.from({ length: 101 }, (_, i) => i + 1))).rejects.toThrow(RangeError);
    expect(client.stats().requests).toBe(0);
    await client.close();
  });

  test('a 400 is a bad_request and is not retried', async () => {
    const client = clientFor(fake, { retries: 3 });
    fake.failNext({
      type: 'status',
      status: 400,
      body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): status', data: { status: 400 } },
    });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('bad_request');
    expect(error.code).toBe('rest_invalid_param');
    expect(client.stats().requests).toBe(1);
    await client.close();
  });
});

describe('transient failures', () => {
  test('500 then success: one retry, then the products', async () => {
    const client = clientFor(fake);
    fake.failNext({ type: 'status', status: 500 });
    const page = await client.listProducts({ page: 1, perPage: 5 });
    expect(page.products).toHaveLength(5);
    expect(client.stats()).toEqual({ requests: 2, retries: 1 });
    expect(fake.requests.map((r) => r.status)).toEqual([500, 200]);
    await client.close();
  });

  test('5xx every time: bounded attempts, then a server error', async () => {
    const client = clientFor(fake, { retries: 2 });
    fake.failNext({ type: 'status', status: 503, times: 10 });
    const error = await caught(client.listProducts({ page: 1, perPage: 5 }));
    expect(error.kind).toBe('server');
    expect(error.status).toBe(503);
    expect(client.stats()).toEqual({ requests: 3, retries: 2 });
    await client.close();
  });

  test('429 with Retry-After: the client waits as told', async () => {
    const client = clientFor(fake);
    fake.failNext({ type: 'status', status: 429, retryAfter: '1' });
    const started = Date.now();
    const page = await client.listProducts({ page: 1, perPage: 2 });
    const waited = Date.now() - started;
    expect(page.products).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(client.stats()).toEqual({ requests: 2, retries: 1 });
    await client.close();
  });

  test('a hanging store times out, is retried, then reported as a timeout', async () => {
    const client = clientFor(fake, { timeoutMs: 150, retries: 1 });
    fake.failNext({ type: 'hang', times: 2 });
    const started = Date.now();
    const error = await caught(client.listProducts({ page: 1, perPage: 2 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(client.stats()).toEqual({ requests: 2, retries: 1 });
    await client.close();
  });

  test('a dropped connection is retried', async () => {
    const client = clientFor(fake);
    fake.failNext({ type: 'reset' });
    const product = await client.getProduct(catalog.products[1]?.id ?? 0);
    expect(product.id).toBe(catalog.products[1]?.id);
    expect(client.stats().retries).toBe(1);
    await client.close();
  });
});
