/** How the store writes money and which language it speaks, read from WooCommerce's settings. */
export interface StoreFormat {
  /** ISO 4217 code, e.g. `USD`. */
  currency: string;
  currencySymbol: string;
  currencyPosition: 'left' | 'right' | 'left_space' | 'right_space';
  decimals: number;
  decimalSeparator: string;
  thousandSeparator: string;
  /** WordPress locale, e.g. `he_IL`. */
  language: string;
}

/** The owner's controls from the settings screen. Each is optional: unset means the operator's default. */
export interface OwnerControls {
  /** Tokens per UTC day; 0 = no cap. */
  dailyTokenCap?: number;
  moderation?: boolean;
  /** Chat turns one shopper may start per minute; 0 = off. */
  ratePerSessionPerMin?: number;
  /** Conversations older than this are forgotten (never longer than the operator's AISLE_THREAD_TTL_DAYS). */
  retentionDays?: number;
  /** Shoppers may ask for their orders' status (default on). */
  orderLookup?: boolean;
  /** The owner may read (masked) transcripts and delete conversations from wp-admin. Off unless set. */
  transcriptReview?: boolean;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** One opening interval of a weekday, `HH:MM` in the store's time zone (`open` before `close`). */
export interface OpeningInterval {
  open: string;
  close: string;
}

/** How a shopper reaches a person at the store, from the settings screen. */
export interface HandoffSettings {
  /** WhatsApp number in E.164, digits only (no `+`). */
  whatsapp?: string;
  /** The plugin mails the conversation to the store when the shopper agrees. */
  email: boolean;
  /** A contact page on the store. */
  contactUrl?: string;
  /** The site's time zone: an IANA name (`Asia/Jerusalem`) or an offset (`+02:00`). */
  timezone: string;
  /** Opening hours per weekday; absent means someone answers at any time. A weekday without intervals is closed. */
  hours?: Partial<Record<Weekday, OpeningInterval[]>>;
}

/** What a store pushes to the proxy on Connect, and what chat and sync read back. */
export interface TenantSettings {
  /** The store's address, e.g. `https://shop.example`. */
  storeUrl?: string;
  wooConsumerKey?: string;
  wooConsumerSecret?: string;
  openaiApiKey?: string;
  model?: string;
  instructions?: string;
  /** Pushed by stores connected from WordPress; the environment's store uses AISLE_CURRENCY. */
  format?: StoreFormat;
  controls?: OwnerControls;
  /** Ways to reach a person (the `handoff` tool); absent: the tool is not offered. */
  handoff?: HandoffSettings;
}

/** The settings that are plain strings (the environment can set these and win). */
export const TENANT_SETTING_KEYS = [
  'storeUrl',
  'wooConsumerKey',
  'wooConsumerSecret',
  'openaiApiKey',
  'model',
  'instructions',
] as const satisfies readonly (keyof TenantSettings)[];

export type TenantSettingKey = (typeof TENANT_SETTING_KEYS)[number];

/** Settings never shown back in full. */
export const SECRET_SETTING_KEYS: readonly TenantSettingKey[] = ['wooConsumerKey', 'wooConsumerSecret', 'openaiApiKey'];

export interface StoredTenant extends TenantSettings {
  site: string;
  /** ISO time of the last push. */
  updatedAt: string;
}

export interface ResolvedTenant {
  site: string;
  /** Stored settings with the environment's on top. */
  settings: TenantSettings;
  /** Settings that came from the environment (they win over what WordPress pushed). */
  overriddenByEnv: TenantSettingKey[];
  /** Null when nothing was pushed (environment-only configuration). */
  stored: StoredTenant | null;
}

export type TenantErrorCode = 'no_encryption_key' | 'undecryptable';

export class TenantError extends Error {
  constructor(
    readonly code: TenantErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TenantError';
  }
}
