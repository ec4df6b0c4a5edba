import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { loadCapture, rawGet } from './helpers';

const catalog = buildCatalog(80, { seed: 9 });
let fake: FakeWoo;
beforeAll(async () => {
  fake = await startFakeWoo({ products: catalog.products, variations: catalog.variations });
});
afterAll(() => fake.close());

const JSON_HEADERS = { 'content-type': 'application/json' };

async function session(): Promise<{ nonce: string; token: string }> {
  const cart = await rawGet(fake, '/wp-json/wc/store/v1/cart');
  expect(cart.status).toBe(200);
  return { nonce: cart.headers.nonce ?? '', token: cart.headers['cart-token'] ?? '' };
}

function addItem(s: { nonce?: string; token?: string }, body: unknown) {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (s.nonce !== undefined) headers.nonce = s.nonce;
  if (s.token !== undefined) headers['cart-token'] = s.token;
  return rawGet(fake, '/wp-json/wc/store/v1/cart/add-item', { method: 'POST', headers, body: JSON.stringify(body) });
}

const inStockSimple = catalog.products.find(
  (p) => p.type === 'simple' && p.status === 'publish' && p.stock_status === 'instock' && p.manage_stock,
);
const outOfStockSimple = catalog.products.find(
  (p) => p.type === 'simple' && p.status === 'publish' && p.stock_status === 'outofstock',
);
const variable = catalog.products.find((p) => p.type === 'variable' && p.status === 'publish');

describe('Store API cart', () => {
  test('GET cart hands out a Nonce and a JWT Cart-Token; the empty cart matches the capture', async () => {
    const cart = await rawGet(fake, '/wp-json/wc/store/v1/cart');
    expect(cart.headers.nonce).toBe(fake.storeNonce());
    expect(cart.headers['cart-token']?.split('.')).toHaveLength(3);
    expect(cart.json).toEqual(loadCapture('store-api-cart').body);
  });

  test('add-item without a nonce answers 401 exactly like the capture; a wrong nonce 403', async () => {
    const s = await session();
    const missing = await addItem({ token: s.token }, { id: inStockSimple?.id, quantity: 1 });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual(loadCapture('store-api-add-item-no-nonce').body);
    const wrong = await addItem({ token: s.token, nonce: 'deadbeef00' }, { id: inStockSimple?.id, quantity: 1 });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ code: 'woocommerce_rest_invalid_nonce' });
  });

  test('add-item with nonce and token answers 201 with the cart, and the cart remembers it', async () => {
    const s = await session();
    const added = await addItem(s, { id: inStockSimple?.id, quantity: 2 });
    expect(added.status).toBe(201);
    const body = added.json as { items: Array<{ id: number; quantity: number; prices: { price: string } }>; items_count: number };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]?.id).toBe(inStockSimple?.id);
    expect(body.items[0]?.prices.price).toBe(String(Math.round(Number(inStockSimple?.price) * 100)));
    expect(body.items_count).toBe(2);
    const cart = await rawGet(fake, '/wp-json/wc/store/v1/cart', { headers: { 'cart-token': s.token } });
    expect((cart.json as { items_count: number }).items_count).toBe(2);
  });

  test('out of stock uses WooCommerce error code and message', async () => {
    const s = await session();
    const answer = await addItem(s, { id: outOfStockSimple?.id, quantity: 1 });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      code: 'woocommerce_rest_product_out_of_stock',
      message: `You cannot add &quot;${outOfStockSimple?.name}&quot; to the cart because the product is out of stock.`,
      data: { status: 400 },
    });
  });

  test('variable products need a matching variation', async () => {
    const s = await session();
    const axis = variable?.attributes[0];
    const noMatch = await addItem(s, {
      id: variable?.id,
      quantity: 1,
      variation: [{ attribute: axis?.slug, value: 'no-such-option' }],
    });
    expect(noMatch.status).toBe(400);
    expect(noMatch.json).toMatchObject({
      code: 'woocommerce_rest_variation_id_from_variation_data',
      message: 'No matching variation found.',
    });

    const variation = (catalog.variations[variable?.id ?? 0] ?? []).find((v) => v.stock_status === 'instock');
    const slug = new URL(variation?.permalink ?? 'http://x').searchParams.get(`attribute_${axis?.slug}`);
    const wrongValue = await addItem(s, { id: variation?.id, quantity: 1, variation: [{ attribute: axis?.slug, value: 'zzz' }] });
    expect(wrongValue.json).toMatchObject({ code: 'woocommerce_rest_invalid_variation_data' });
    expect((wrongValue.json as { message: string }).message).toContain(`Invalid value posted for ${axis?.name}. Allowed values:`);

    const ok = await addItem(s, { id: variable?.id, quantity: 1, variation: [{ attribute: axis?.slug, value: slug }] });
    expect(ok.status).toBe(201);
    expect((ok.json as { items: Array<{ id: number }> }).items[0]?.id).toBe(variation?.id);
  });

  test('unknown product id', async () => {
    const s = await session();
    const answer = await addItem(s, { id: 424242, quantity: 1 });
    expect(answer.json).toMatchObject({ code: 'woocommerce_rest_cart_invalid_product', data: { status: 400 } });
  });
});
