/**
 * A fake WooCommerce Store API modelled on the captures in shared/woocommerce/real: a request
 * without the right `Nonce` gets 401 `woocommerce_rest_missing_nonce` (with a fresh Nonce header),
 * a good one 201 with the cart, `Cart-Token` and `Cart-Hash`.
 */
import type { FetchLike } from '../../api/chatClient';
import { fakeResponse } from './streams';

export interface FakeStoreApi {
  fetch: FetchLike;
  requests: Array<{ url: string; headers: Headers; body: unknown }>;
  /** Resolves the pending add-item calls (they wait until released, like a slow store). */
  release(): void;
}

export const REST_ROOT = 'https://store.example/wp-json/';
export const GOOD_NONCE = '5a74d2790d';
export const CART_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.cart.token';

export function fakeStoreApi(options: { refuseWith?: { status: number; code: string; message: string } } = {}): FakeStoreApi {
  const requests: FakeStoreApi['requests'] = [];
  let releasers: Array<() => void> = [];
  let released = false;
  const fetch: FetchLike = async (url, init = {}) => {
    const headers = new Headers(init.headers);
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
    requests.push({ url, headers, body });
    if (!released) {
      await new Promise<void>((resolve) => releasers.push(resolve));
    }
    const common = { Nonce: GOOD_NONCE, 'Cart-Token': CART_TOKEN };
    if (headers.get('Nonce') !== GOOD_NONCE) {
      return fakeResponse({
        status: 401,
        headers: common,
        json: { code: 'woocommerce_rest_missing_nonce', message: 'Missing the Nonce header.', data: { status: 401 } },
      });
    }
    if (options.refuseWith) {
      const { status, code, message } = options.refuseWith;
      return fakeResponse({ status, headers: common, json: { code, message, data: { status } } });
    }
    return fakeResponse({
      status: 201,
      headers: { ...common, 'Cart-Hash': '7bed04ac141eda3285e9232a6d481d8a' },
      json: { items: [{ id: (body as { id: number }).id, quantity: (body as { quantity: number }).quantity }] },
    });
  };
  return {
    fetch,
    requests,
    release() {
      released = true;
      releasers.forEach((r) => r());
      releasers = [];
    },
  };
}
