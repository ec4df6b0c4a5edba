import { describe, expect, it } from '@jest/globals';
import { createStoreCart, StoreApiError } from '../../cart/storeCart';
import { CART_TOKEN, fakeStoreApi, GOOD_NONCE, REST_ROOT } from '../helpers/fakeStoreApi';

describe('Store API cart', () => {
  it('posts add-item with the Nonce header, then sends the Cart-Token it got back', async () => {
    const api = fakeStoreApi();
    api.release();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: GOOD_NONCE, fetch: api.fetch });
    const result = await cart.addItem({ id: 39, quantity: 2 });
    expect(result.cartHash).toBe('7bed04ac141eda3285e9232a6d481d8a');
    expect(api.requests[0]?.url).toBe('https://store.example/wp-json/wc/store/v1/cart/add-item');
    expect(api.requests[0]?.headers.get('Nonce')).toBe(GOOD_NONCE);
    expect(api.requests[0]?.headers.get('Cart-Token')).toBeNull();
    expect(api.requests[0]?.body).toEqual({ id: 39, quantity: 2 });
    await cart.addItem({ id: 40, quantity: 1 });
    expect(api.requests[1]?.headers.get('Cart-Token')).toBe(CART_TOKEN);
  });

  it('retries once with the fresh nonce when the store refuses a missing or stale one', async () => {
    const api = fakeStoreApi();
    api.release();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: null, fetch: api.fetch });
    await cart.addItem({ id: 39, quantity: 1 });
    expect(api.requests.map((r) => r.headers.get('Nonce'))).toEqual([null, GOOD_NONCE]);
  });

  it("throws the store's own message, entities decoded", async () => {
    const api = fakeStoreApi({
      refuseWith: {
        status: 400,
        code: 'woocommerce_rest_product_out_of_stock',
        message: 'You cannot add &quot;Bowl&quot; &#8211; it is out of stock.',
      },
    });
    api.release();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: GOOD_NONCE, fetch: api.fetch });
    const error = await cart.addItem({ id: 39, quantity: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreApiError);
    expect((error as StoreApiError).message).toBe('You cannot add "Bowl" – it is out of stock.');
    expect((error as StoreApiError).code).toBe('woocommerce_rest_product_out_of_stock');
  });
});

describe('attribution', () => {
  it('names the conversation in X-Aisle-Thread, on the retry too', async () => {
    const api = fakeStoreApi();
    api.release();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: null, fetch: api.fetch });
    await cart.addItem({ id: 39, quantity: 1 }, 'thread_AbC-12_x');
    expect(api.requests.map((r) => r.headers.get('X-Aisle-Thread'))).toEqual(['thread_AbC-12_x', 'thread_AbC-12_x']);
    // The body stays what the Store API accepts.
    expect(api.requests[1]?.body).toEqual({ id: 39, quantity: 1 });
  });

  it('sends no thread header without a conversation, or for a value that is not a thread ID', async () => {
    const api = fakeStoreApi();
    api.release();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: GOOD_NONCE, fetch: api.fetch });
    await cart.addItem({ id: 39, quantity: 1 });
    await cart.addItem({ id: 39, quantity: 1 }, null);
    await cart.addItem({ id: 39, quantity: 1 }, 'thread\r\nX-Evil: 1');
    expect(api.requests.map((r) => r.headers.get('X-Aisle-Thread'))).toEqual([null, null, null]);
  });
});
