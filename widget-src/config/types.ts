/** The widget's whole configuration, read once from `window.AisleConfig` and the script tag. */
import type { ConsentConfig } from '../analytics/consent';
import type { HoldoutConfig } from '../holdout/holdout';

export type Direction = 'ltr' | 'rtl';

/** Physical corners, or logical ones that follow the page direction. */
export type LauncherPosition = 'bottom-end' | 'bottom-start' | 'bottom-right' | 'bottom-left';

export interface ThemeColors {
  /** Launcher, send button, shopper bubbles. */
  primary: string;
  /** Text on `primary`. */
  onPrimary: string;
  /** Panel background. */
  surface: string;
  /** Body text on `surface`. */
  text: string;
  /** Secondary text (timestamps, stock, status line) on `surface`. */
  mutedText: string;
  /** Assistant bubble background. */
  assistantBubble: string;
  /** Links inside assistant bubbles and cards. */
  link: string;
  /** Error and sale-price text. */
  danger: string;
  /** Background of the error notice. */
  dangerSurface: string;
  /** "Added to cart" and "In stock". */
  success: string;
  /** Borders (decorative only). */
  border: string;
}

export interface WidgetConfig {
  /** Base URL of the Aisle proxy, without a trailing slash. */
  proxyUrl: string;
  /** WordPress REST root, e.g. `https://shop.example/wp-json/`. Only inside WordPress. */
  restRoot: string | null;
  /** `wp_rest` nonce for the session endpoint. */
  nonce: string | null;
  /** `wc_store_api` nonce for the Store API (`Nonce` header). */
  storeApiNonce: string | null;
  /** Session endpoint; defaults to `{restRoot}aisle/v1/session` when restRoot is set. */
  sessionEndpoint: string | null;
  /** Answers a fresh `wp_rest` nonce as text, for cached pages of logged-in shoppers. */
  nonceEndpoint: string | null;
  /** WordPress-style locale, e.g. `he_IL`. */
  locale: string;
  dir: Direction;
  /** Shown as the assistant's first message; null means the translated default. */
  greeting: string | null;
  /** The store's conversation starters; null: none set, the widget's translated built-ins show. */
  quickPrompts: string[] | null;
  colors: ThemeColors;
  position: LauncherPosition;
  streaming: boolean;
  /** The product the shopper is looking at, sent as `context.product_id`. */
  productId: number | null;
  /** Fall back to `POST /api/chat` when the stream has sent no byte after this long. */
  firstByteTimeoutMs: number;
  /** Load the panel code when the browser is idle, before the first open. */
  preloadOnIdle: boolean;
  /** Where the "View cart" link of a successful add-to-cart points; null hides it. */
  cartUrl: string | null;
  /** How the store writes prices (WooCommerce's settings); null: the shopper's locale decides. */
  priceFormat: PriceFormat | null;
  /** Who decides whether analytics events may be sent; null: none are (see analytics/consent.ts). */
  consent: ConsentConfig | null;
  /** The store asks shoppers to agree to a notice before their first message. */
  consentRequired: boolean;
  /** The store's privacy policy page, linked from the consent notice; null when none. */
  privacyUrl: string | null;
}

/** WooCommerce's price format: symbol and its position, decimals and separators. */
export interface PriceFormat {
  symbol: string;
  position: 'left' | 'right' | 'left_space' | 'right_space';
  decimals: number;
  decimalSeparator: string;
  thousandSeparator: string;
}

/** What a store may set in `window.AisleConfig`: everything optional, colours partial. */
export type WidgetConfigInput = Partial<Omit<WidgetConfig, 'colors'>> & {
  colors?: Partial<ThemeColors>;
  /** Plugin only: the launcher's translated labels as Jed messages (`{ "Open chat": ["…"] }`). */
  loaderStrings?: Record<string, unknown>;
  /** Plugin only: the holdout, when the store runs one (see holdout/holdout.ts). */
  holdout?: HoldoutConfig | null;
};
