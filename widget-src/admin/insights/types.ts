/** The answer of `GET /wp-json/aisle/v1/insights` (plugin/includes/Insights/Report.php). */

/** Numbers the proxy counts; null when the proxy could not answer. */
export interface ProxyNumbers {
  conversations: number | null;
  messages: number | null;
  products_shown: number | null;
  products_clicked: number | null;
  products_added: number | null;
  feedback_up: number | null;
  feedback_down: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  /** Null also when a model of the range had no price. */
  cost_usd: number | null;
}

/** Numbers the store counts (WooCommerce orders and the holdout's sessions). */
export interface StoreNumbers {
  attributed_orders: number;
  attributed_revenue: number;
  sessions_chat: number;
  orders_chat: number;
  sessions_holdout: number;
  orders_holdout: number;
}

export interface InsightsDay extends ProxyNumbers, StoreNumbers {
  date: string;
}

export interface GroupConversion {
  orders: number;
  sessions: number;
  rate: number;
  low: number;
  high: number;
}

export interface InsightsReport {
  from: string;
  to: string;
  timezone: 'UTC';
  currency: { code: string; symbol: string; decimals: number };
  holdout_percent: number;
  proxy: {
    ok: boolean;
    message: string | null;
    prices: { taken?: string; currency?: string; unit?: string } | null;
  };
  days: InsightsDay[];
  totals: ProxyNumbers & StoreNumbers & { cost_per_attributed_order: number | null };
  top_terms: Array<{ term: string; count: number }>;
  top_phrases: Array<{ term: string; count: number }>;
  conversion: {
    chat: GroupConversion | null;
    holdout: GroupConversion | null;
    difference: { difference: number; low: number; high: number } | null;
  } | null;
}

/** `window.aisleInsights`, printed by plugin/includes/Admin/InsightsPage.php. */
export interface InsightsScreenConfig {
  /** REST path for apiFetch, `/aisle/v1/insights`. */
  path: string;
  /** Full URL of the same route, for the CSV link. */
  csvUrl: string;
  /** `wp_rest` nonce, for the CSV link (a plain download carries no header). */
  nonce: string;
  settingsUrl: string;
  /** BCP 47, e.g. `he-IL`. */
  locale: string;
  /** Today, UTC, YYYY-MM-DD. */
  today: string;
}
