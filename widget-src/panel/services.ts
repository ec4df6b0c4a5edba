/** The panel's collaborators, built once from the config (tests pass fakes instead). */
import { createChatClient, type ChatClient, type FetchLike } from '../api/chatClient';
import { createHandoffEmailSender, type SendHandoffEmail } from '../api/handoffEmail';
import { createSessionTokenProvider } from '../api/session';
import { createConsentGate } from '../analytics/consent';
import { createEventQueue, type EventQueue } from '../analytics/eventQueue';
import { announceCartChange } from '../cart/cartEvents';
import { createStoreCart, type AddItemInput } from '../cart/storeCart';
import type { WidgetConfig } from '../config/types';

/** Adds to the store's cart from the conversation `threadId` (attribution), then tells the theme's cart. */
export type CartAddFn = (input: AddItemInput, threadId: string | null) => Promise<void>;

export interface PanelServices {
  client: ChatClient;
  /** Null outside WordPress, where cards link to the product page. */
  addItem: CartAddFn | null;
  /** Sends the conversation to the store by email (the plugin's route); null outside WordPress. */
  sendHandoffEmail?: SendHandoffEmail | null;
  /** Analytics events, sent in batches only with the shopper's consent. */
  events: Pick<EventQueue, 'track'>;
}

export function createPanelServices(config: WidgetConfig, win: Window, fetchImpl?: FetchLike): PanelServices {
  const cart = config.restRoot
    ? createStoreCart({ restRoot: config.restRoot, nonce: config.storeApiNonce, fetch: fetchImpl })
    : null;
  let restNonce = config.nonce;
  const session = config.sessionEndpoint
    ? createSessionTokenProvider({
        endpoint: config.sessionEndpoint,
        nonce: config.nonce,
        nonceEndpoint: config.nonceEndpoint,
        onSession: (s) => {
          if (s.nonce) restNonce = s.nonce;
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
  const events = createEventQueue({
    send: (batch, options) => client.sendEvents(batch, options),
    consent: createConsentGate(config.consent, win),
    win,
  });
  const addItem: CartAddFn | null = cart
    ? async (input, threadId) => {
        const result = await cart.addItem(input, threadId);
        announceCartChange(win, result.cartHash);
        events.track({ type: 'add_to_cart', product_id: input.id, ...(threadId ? { thread_id: threadId } : {}) });
      }
    : null;
  const sendHandoffEmail =
    config.restRoot && session
      ? createHandoffEmailSender({ restRoot: config.restRoot, session, nonce: () => restNonce, fetch: fetchImpl })
      : null;
  return { client, addItem, sendHandoffEmail, events };
}
