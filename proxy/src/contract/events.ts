/**
 * The browser contract: the events the proxy sends on `POST /api/chat/stream`
 * and the shapes of product cards. Defined once here and imported by the widget,
 * so the two sides cannot drift. Keep this file free of Node or DOM imports.
 */

export interface ProductImage {
  src: string;
  alt: string;
}

export interface VariationOption {
  id: number;
  /** e.g. { "גודל": "2 ק\"ג" } */
  attributes: Record<string, string>;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  stock_status: StockStatus;
}

export type StockStatus = 'instock' | 'outofstock' | 'onbackorder';

/** One option of a variable product, e.g. { name: "משקל", options: ["2 ק\"ג", "6 ק\"ג"] }. */
export interface VariationAttribute {
  name: string;
  options: string[];
}

export interface ProductCard {
  id: number;
  name: string;
  permalink: string;
  image: ProductImage | null;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  currency: string;
  /** Plain text, never HTML. */
  price_html: string;
  stock_status: StockStatus;
  stock_quantity: number | null;
  type: string;
  variations: VariationOption[];
  /**
   * Only on a variable product whose variations the proxy does not know yet (the
   * catalog was not synced since it was added): its options, for the shopper to
   * choose on the product page. `variations` is empty then.
   */
  variation_attributes?: VariationAttribute[];
  /** True when WooCommerce could not be reached and the card comes from cached data. */
  stale?: boolean;
}

export type StatusPhase = 'searching_catalog' | 'loading_products' | 'thinking' | 'offline';

export type ChatErrorCode =
  | 'bad_request'
  | 'rate_limited'
  | 'upstream_rate_limited'
  | 'upstream_auth'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'store_unavailable'
  | 'shutting_down'
  | 'not_configured'
  | 'internal';

/**
 * Every `error.code` a non-2xx JSON answer may carry. Chat failures use the same
 * codes in a stream's `error` event and in a JSON answer.
 */
export type ApiErrorCode =
  | ChatErrorCode
  // The request itself
  | 'invalid_json'
  | 'payload_too_large'
  | 'request_aborted'
  | 'request_timeout'
  | 'unsupported_encoding'
  | 'not_found'
  | 'forbidden'
  | 'method_not_allowed'
  // Who is asking
  | 'unauthorized'
  | 'session_required'
  | 'session_expired'
  | 'invalid_session'
  | 'missing_headers'
  | 'malformed_headers'
  | 'stale_request'
  | 'unknown_site'
  | 'bad_signature'
  | 'invalid_signature'
  | 'replayed'
  // Limits
  | 'too_many_streams'
  | 'conversation_too_long'
  // Features
  | 'webhooks_not_configured'
  | 'webhook_misconfigured';

export type ChatEvent =
  | { type: 'thread_id'; thread_id: string; new_thread?: boolean; notice?: string }
  | { type: 'text'; content: string }
  | { type: 'products'; data: ProductCard[] }
  | { type: 'status'; status: StatusPhase; message?: string }
  | { type: 'error'; code: ChatErrorCode; message: string; retryable: boolean; retry_after?: number }
  | { type: 'done'; thread_id: string };

export type ChatEventType = ChatEvent['type'];

export const CHAT_EVENT_TYPES: readonly ChatEventType[] = ['thread_id', 'text', 'products', 'status', 'error', 'done'] as const;

/** Body of `POST /api/chat/stream` and `POST /api/chat`. */
export interface ChatRequestBody {
  message: string;
  thread_id: string | null;
  /** Optional page context, e.g. the product the shopper is looking at. */
  context?: { product_id?: number };
}

/** Response of `POST /api/chat`. */
export interface ChatReply {
  thread_id: string;
  reply: string;
  products: ProductCard[];
}

/** Error body for every non-2xx JSON answer. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; retry_after?: number };
}

export function isChatEvent(value: unknown): value is ChatEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (CHAT_EVENT_TYPES as readonly string[]).includes((value as { type: string }).type)
  );
}

/** One restored message of `GET /api/chat/history?thread_id=…`. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  /** All the message's text (kept for widgets that do not read `parts`). */
  content: string;
  /** All the message's cards (kept for widgets that do not read `parts`). */
  products?: ProductCard[];
  /** The message's text and cards in the order they happened, as the live stream showed them. */
  parts?: Array<{ type: 'text'; content: string } | { type: 'products'; data: ProductCard[] }>;
}

/** Response of `GET /api/chat/history?thread_id=…`. */
export interface ChatHistory {
  thread_id: string;
  messages: HistoryMessage[];
}

/**
 * Shopper session tokens (issued by the WordPress plugin's `POST /wp-json/aisle/v1/session`)
 * travel to the proxy in this header as `Bearer <token>`.
 */
export const SESSION_HEADER = 'authorization';

/** Widget-reported analytics, `POST /api/events` (counted in /metrics). */
export interface WidgetEventBody {
  type: 'add_to_cart' | 'card_click' | 'open';
  product_id?: number;
}
