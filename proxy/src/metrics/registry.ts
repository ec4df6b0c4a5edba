import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { WIDGET_EVENT_TYPES, type ChatErrorCode, type WidgetEventBody } from '../contract/events';

export type ChatOutcome = 'ok' | 'error' | 'aborted';
export type WidgetEventType = WidgetEventBody['type'];
export type SyncResult = 'ok' | 'failed';
export type WooOperation =
  'listProducts' | 'getProductsByIds' | 'listVariations' | 'getProduct' | 'listCustomerOrders' | 'getOrder';
/** Chat error codes, plus `http_5xx` for any request the proxy answered with a server error. */
export type ErrorType = ChatErrorCode | 'http_5xx';

/**
 * The proxy's Prometheus metrics, on a registry of their own (not prom-client's
 * global one), so several proxies or tests in one process never collide.
 * Callers use the typed helpers; the raw prom-client objects stay inside.
 */
export interface Metrics {
  readonly registry: Registry;
  chatStarted(): void;
  chatFinished(outcome: ChatOutcome): void;
  productsShown(count: number): void;
  widgetEvent(type: WidgetEventType): void;
  error(type: ErrorType): void;
  /** Upstream OpenAI: request start to the first `output_text.delta`. */
  openaiTimeToFirstToken(seconds: number): void;
  /** Upstream OpenAI: request start to the end of the response body. */
  openaiResponseDuration(seconds: number, outcome: 'ok' | 'error'): void;
  /** Shopper-side: turn start to the first `text` event the proxy sends. */
  chatTimeToFirstText(seconds: number): void;
  wooRequest(operation: WooOperation, seconds: number, outcome: 'ok' | 'error'): void;
  syncFinished(mode: string, result: SyncResult, seconds: number): void;
  rateLimited(scope: string): void;
  streamOpened(): void;
  streamClosed(): void;
}

export interface MetricsOptions {
  /** Collect prom-client's default process metrics (CPU, RSS, event-loop lag, GC). Default true. */
  defaultMetrics?: boolean;
  /** Labels on every series, e.g. `{ instance: 'web-1' }`. */
  defaultLabels?: Record<string, string>;
}

const LATENCY_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20];
const TURN_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120];
const WOO_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
const SYNC_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const chatsStarted = new Counter({ name: 'aisle_chats_started_total', help: 'Chat turns started.', registers });
  const chatsFinished = new Counter({
    name: 'aisle_chats_finished_total',
    help: 'Chat turns finished, by outcome (ok, error, aborted by the shopper).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const productsShown = new Counter({ name: 'aisle_products_shown_total', help: 'Product cards sent to shoppers.', registers });
  const widgetEvents = new Counter({
    name: 'aisle_widget_events_total',
    help: 'Events reported by the widget (POST /api/events), by type, with or without a shopper session.',
    labelNames: ['type'] as const,
    registers,
  });
  const errors = new Counter({
    name: 'aisle_errors_total',
    help: 'Errors by type: chat error codes sent to shoppers, and http_5xx responses.',
    labelNames: ['type'] as const,
    registers,
  });
  const openaiTtft = new Histogram({
    name: 'aisle_openai_time_to_first_token_seconds',
    help: 'OpenAI Responses API: request start to the first output_text delta.',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const openaiTotal = new Histogram({
    name: 'aisle_openai_response_duration_seconds',
    help: 'OpenAI API requests: start to the end of the response body.',
    labelNames: ['outcome'] as const,
    buckets: TURN_BUCKETS,
    registers,
  });
  const chatTtft = new Histogram({
    name: 'aisle_chat_time_to_first_text_seconds',
    help: 'Chat turn start (request accepted) to the first text event sent to the shopper.',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const woo = new Histogram({
    name: 'aisle_woocommerce_request_duration_seconds',
    help: 'WooCommerce client calls (retries included), by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: WOO_BUCKETS,
    registers,
  });
  const syncDuration = new Histogram({
    name: 'aisle_sync_duration_seconds',
    help: 'Catalog sync wall time, by mode and result.',
    labelNames: ['mode', 'result'] as const,
    buckets: SYNC_BUCKETS,
    registers,
  });
  const syncs = new Counter({
    name: 'aisle_syncs_total',
    help: 'Catalog syncs finished, by mode and result.',
    labelNames: ['mode', 'result'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'aisle_rate_limit_rejections_total',
    help: 'Requests refused with HTTP 429, by route.',
    labelNames: ['scope'] as const,
    registers,
  });
  const openStreams = new Gauge({ name: 'aisle_sse_streams_open', help: 'Chat SSE streams open right now.', registers });

  // Pre-create the usual series so dashboards and alerts see zeros instead of gaps.
  for (const outcome of ['ok', 'error', 'aborted'] as const) chatsFinished.inc({ outcome }, 0);
  for (const type of WIDGET_EVENT_TYPES) widgetEvents.inc({ type }, 0);

  return {
    registry,
    chatStarted: () => chatsStarted.inc(),
    chatFinished: (outcome) => chatsFinished.inc({ outcome }),
    productsShown: (count) => {
      if (count > 0) productsShown.inc(count);
    },
    widgetEvent: (type) => widgetEvents.inc({ type }),
    error: (type) => errors.inc({ type }),
    openaiTimeToFirstToken: (seconds) => openaiTtft.observe(seconds),
    openaiResponseDuration: (seconds, outcome) => openaiTotal.observe({ outcome }, seconds),
    chatTimeToFirstText: (seconds) => chatTtft.observe(seconds),
    wooRequest: (operation, seconds, outcome) => woo.observe({ operation, outcome }, seconds),
    syncFinished: (mode, result, seconds) => {
      syncs.inc({ mode, result });
      syncDuration.observe({ mode, result }, seconds);
    },
    rateLimited: (scope) => rateLimited.inc({ scope }),
    streamOpened: () => openStreams.inc(),
    streamClosed: () => openStreams.dec(),
  };
}
