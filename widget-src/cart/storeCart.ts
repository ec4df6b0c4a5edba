/**
 * WooCommerce Store API cart: `POST {restRoot}wc/store/v1/cart/add-item` with the `Nonce`
 * header and the `Cart-Token` flow. Each answer (even a 401) carries a fresh `Nonce` and the
 * cart's `Cart-Token`; both are kept for the next request, and a request refused for its
 * nonce is sent once more with the fresh one.
 */
import type { FetchLike } from '../api/chatClient';
import { decodeEntities } from '../text/decodeEntities';

export interface AddItemInput {
  /** Product ID, or the variation's ID for variable products. */
  id: number;
  quantity: number;
  /** Attribute/value pairs of the chosen variation. */
  variation?: Array<{ attribute: string; value: string }>;
}

export interface AddItemResult {
  /** The cart as the Store API returned it. */
  cart: unknown;
  /** `Cart-Hash` header, for WooCommerce's `added_to_cart` event. */
  cartHash: string;
}

/** The store's own refusal (out of stock, too many, bad nonce), with its message. */
export class StoreApiError extends Error {
  override readonly name = 'StoreApiError';

  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Names the chat conversation the item was added from: the plugin reads it in
 * `woocommerce_store_api_add_to_cart_data` and keeps it on the cart item and the order line.
 * A header, because the Store API drops unknown body fields.
 */
export const THREAD_HEADER = 'X-Aisle-Thread';

/** Thread IDs are `thread_` + base64url; anything else is not sent (and could not be a header value). */
const THREAD_ID = /^[A-Za-z0-9_-]{1,200}$/;

export interface StoreCart {
  /** `threadId`: the conversation the shopper adds from, sent as `X-Aisle-Thread`. */
  addItem(input: AddItemInput, threadId?: string | null): Promise<AddItemResult>;
  /** A nonce learnt elsewhere (the session endpoint hands one out). */
  setNonce(nonce: string): void;
}

export interface StoreCartOptions {
  /** `https://shop.example/wp-json/`, with the trailing slash. */
  restRoot: string;
  /** `wc_store_api` nonce from the page, if the plugin provides one. */
  nonce: string | null;
  fetch?: FetchLike;
}

const NONCE_ERRORS = new Set(['woocommerce_rest_missing_nonce', 'woocommerce_rest_invalid_nonce']);

export function createStoreCart(options: StoreCartOptions): StoreCart {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let nonce = options.nonce;
  let cartToken: string | null = null;

  const remember = (response: Response) => {
    nonce = response.headers.get('Nonce') ?? nonce;
    cartToken = response.headers.get('Cart-Token') ?? cartToken;
  };

  const post = async (input: AddItemInput, threadId: string | null): Promise<{ response: Response; body: unknown }> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (nonce) headers.Nonce = nonce;
    if (cartToken) headers['Cart-Token'] = cartToken;
    if (threadId && THREAD_ID.test(threadId)) headers[THREAD_HEADER] = threadId;
    const response = await fetchImpl(`${options.restRoot}wc/store/v1/cart/add-item`, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify(input),
    });
    remember(response);
    const body: unknown = await response.json().catch(() => null);
    return { response, body };
  };

  return {
    async addItem(input, threadId = null) {
      const sentNonce = nonce;
      let { response, body } = await post(input, threadId);
      const code = (body as { code?: unknown } | null)?.code;
      if (!response.ok && typeof code === 'string' && NONCE_ERRORS.has(code) && nonce && nonce !== sentNonce) {
        ({ response, body } = await post(input, threadId));
      }
      if (!response.ok) {
        const error = body as { code?: unknown; message?: unknown } | null;
        throw new StoreApiError(
          typeof error?.message === 'string' ? decodeEntities(error.message) : `HTTP ${response.status}`,
          typeof error?.code === 'string' ? error.code : 'http_error',
          response.status,
        );
      }
      return { cart: body, cartHash: response.headers.get('Cart-Hash') ?? '' };
    },
    setNonce(next) {
      nonce = next;
    },
  };
}
