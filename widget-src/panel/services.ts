/** The panel's collaborators, built once from the config (tests pass fakes instead). */
import { createChatClient, type ChatClient, type FetchLike } from '../api/chatClient';
import { createSessionTokenProvider } from '../api/session';
import { announceCartChange } from '../cart/cartEvents';
import { createStoreCart } from '../cart/storeCart';
import type { WidgetConfig } from '../config/types';
import type { AddItemFn } from '../hooks/useAddToCart';

export interface PanelServices {
  client: ChatClient;
  /** Null outside WordPress, where cards link to the product page. */
  addItem: AddItemFn | null;
}

export function createPanelServices(config: WidgetConfig, win: Window, fetchImpl?: FetchLike): PanelServices {
  const cart = config.restRoot
    ? createStoreCart({ restRoot: config.restRoot, nonce: config.storeApiNonce, fetch: fetchImpl })
    : null;
  const session = config.sessionEndpoint
    ? createSessionTokenProvider({
        endpoint: config.sessionEndpoint,
        nonce: config.nonce,
        nonceEndpoint: config.nonceEndpoint,
        onSession: (s) => {
          if (s.store_api_nonce) cart?.setNonce(s.store_api_nonce);
        },
      })
    : null;
  const client = createChatClient({
    proxyUrl: config.proxyUrl,
    session,
    fetch: fetchImpl,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
  });
  const addItem: AddItemFn | null = cart
    ? async (input) => {
        const result = await cart.addItem(input);
        announceCartChange(win, result.cartHash);
        client.track({ type: 'add_to_cart', product_id: input.id });
      }
    : null;
  return { client, addItem };
}
