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

/** One product in a comparison, from live store data. */
export interface ComparisonItem {
  id: number;
  name: string;
  permalink: string;
  /** Plain text in the store's format, e.g. "₪89.90". */
  price_html: string;
  stock_status: StockStatus;
  /** Average rating 0–5, null when the product has no reviews. */
  rating: number | null;
  rating_count: number;
  /** Attribute name → value(s), e.g. { "מידה": "S, M, L" }. */
  attributes: Record<string, string>;
}

/** A side-by-side comparison of 2 to 4 products; `rows` name the attributes in display order. */
export interface ComparisonTable {
  items: ComparisonItem[];
  /** Attribute names shown as rows after price, stock and rating. */
  rows: string[];
}

/** One way to reach a person at the store. */
export type HandoffOption =
  | { kind: 'whatsapp'; url: string; label: string }
  | { kind: 'email'; label: string }
  | { kind: 'contact_page'; url: string; label: string };

/** The assistant offers a person: the widget shows the options as buttons. */
export interface HandoffOffer {
  reason: 'asked' | 'cannot_help';
  /** Empty outside opening hours when nothing else is set; `message` then says when the store answers. */
  options: HandoffOption[];
  message?: string;
}

export type ChatEvent =
  | { type: 'thread_id'; thread_id: string; new_thread?: boolean; notice?: string }
  | { type: 'text'; content: string }
  | { type: 'products'; data: ProductCard[] }
  | { type: 'comparison'; data: ComparisonTable }
  | { type: 'handoff'; data: HandoffOffer }
  | { type: 'status'; status: StatusPhase; message?: string }
  | { type: 'error'; code: ChatErrorCode; message: string; retryable: boolean; retry_after?: number }
  /** `message_id` names the assistant's answer for feedback (`POST /api/chat/feedback`). */
  | { type: 'done'; thread_id: string; message_id?: string };

export type ChatEventType = ChatEvent['type'];

export const CHAT_EVENT_TYPES: readonly ChatEventType[] = [
  'thread_id',
  'text',
  'products',
  'comparison',
  'handoff',
  'status',
  'error',
  'done',
] as const;

/** A photo the shopper attached: re-encoded in the browser, checked again by the proxy. */
export interface ChatImage {
  /** `data:image/jpeg;base64,…` (JPEG, PNG or WebP; 4 MB or less decoded). */
  data_url: string;
}

/** Body of `POST /api/chat/stream` and `POST /api/chat`. */
export interface ChatRequestBody {
  message: string;
  thread_id: string | null;
  /** Optional page context, e.g. the product the shopper is looking at. */
  context?: { product_id?: number };
  /** Optional photo for photo search. */
  image?: ChatImage;
}

/** Body of `POST /api/chat/feedback`: a thumb on one answer. */
export interface FeedbackBody {
  thread_id: string;
  message_id: string;
  rating: 'up' | 'down';
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
  parts?: HistoryPart[];
  /** The answer's id for feedback (assistant messages). */
  message_id?: string;
}

export type HistoryPart =
  | { type: 'text'; content: string }
  | { type: 'products'; data: ProductCard[] }
  | { type: 'comparison'; data: ComparisonTable }
  | { type: 'handoff'; data: HandoffOffer }
  | { type: 'image'; alt: string };

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

export type WidgetEventType =
  'open' | 'message_sent' | 'card_click' | 'variation_chosen' | 'add_to_cart' | 'handoff' | 'feedback';

export const WIDGET_EVENT_TYPES = [
  'open',
  'message_sent',
  'card_click',
  'variation_chosen',
  'add_to_cart',
  'handoff',
  'feedback',
] as const satisfies readonly WidgetEventType[];

/** One widget-reported event (counted in /metrics, and per store for the owner's insights). */
export interface WidgetEventBody {
  type: WidgetEventType;
  product_id?: number;
  thread_id?: string;
  /** `feedback` only: the shopper's thumbs up or down (as in `FeedbackBody`). */
  rating?: 'up' | 'down';
}

/** `POST /api/events` also takes a batch: `{ "events": [...] }` (at most 50). */
export interface WidgetEventBatch {
  events: WidgetEventBody[];
}
