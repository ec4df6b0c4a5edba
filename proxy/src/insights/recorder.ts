import type { WidgetEventBody } from '../contract/events';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../store/types';
import { dayOf, RETENTION_DAYS } from './days';
import { insightsKey, KEEP, type Counter, type InsightsSet } from './keys';
import { questionTerms } from './terms';

/**
 * Counts what happens in a store's conversations, per UTC day, for the owner's insights.
 * Every method returns at once: the writes run in the background (an answer never waits for
 * a counter), failures are logged, and `flush` waits for the writes started so far.
 */
export interface InsightsRecorder {
  conversation(tenant: string): void;
  /** A shopper message: counted, and its terms (never its text) added to the day's top terms. */
  message(tenant: string, text: string): void;
  productsShown(tenant: string, productIds: readonly number[]): void;
  usage(tenant: string, model: string, tokensIn: number, tokensOut: number): void;
  widgetEvents(tenant: string, events: readonly WidgetEventBody[]): void;
  flush(): Promise<void>;
}

const WIDGET_COUNTERS: Readonly<Record<WidgetEventBody['type'], Counter | null>> = {
  open: 'widget_opens',
  message_sent: 'widget_messages',
  card_click: 'products_clicked',
  variation_chosen: 'variations_chosen',
  add_to_cart: 'products_added',
  handoff: 'handoffs',
  // Up or down comes from the rating (see widgetEvents).
  feedback: null,
};

export function createInsightsRecorder(deps: { store: KeyValueStore; logger: Logger; now?: () => number }): InsightsRecorder {
  const now = deps.now ?? Date.now;
  const ttlMs = RETENTION_DAYS * 86_400_000;
  const pending = new Set<Promise<void>>();

  const add = (tenant: string, set: InsightsSet, increments: Record<string, number>, keep?: number) => {
    if (Object.keys(increments).length === 0) return;
    const write = deps.store
      .zIncrBy(insightsKey(tenant, dayOf(now()), set), increments, { ttlMs, ...(keep ? { keep } : {}) })
      .catch((err: unknown) => deps.logger.warn({ err, set }, 'could not count insights'))
      .finally(() => pending.delete(write));
    pending.add(write);
  };
  const tally = (into: Record<string, number>, key: string, by = 1) => {
    into[key] = (into[key] ?? 0) + by;
  };

  return {
    conversation(tenant) {
      add(tenant, 'n', { conversations: 1 });
    },
    message(tenant, text) {
      add(tenant, 'n', { messages: 1 });
      const { terms, phrases } = questionTerms(text);
      add(tenant, 't', Object.fromEntries(terms.map((t) => [t, 1])), KEEP.terms);
      add(tenant, 'ph', Object.fromEntries(phrases.map((p) => [p, 1])), KEEP.terms);
    },
    productsShown(tenant, productIds) {
      if (productIds.length === 0) return;
      const byProduct: Record<string, number> = {};
      for (const id of productIds) tally(byProduct, String(id));
      add(tenant, 'n', { products_shown: productIds.length });
      add(tenant, 'ps', byProduct, KEEP.products);
    },
    usage(tenant, model, tokensIn, tokensOut) {
      add(tenant, 'tok', { [`in:${model}`]: tokensIn, [`out:${model}`]: tokensOut });
    },
    widgetEvents(tenant, events) {
      const counters: Record<string, number> = {};
      const clicked: Record<string, number> = {};
      const added: Record<string, number> = {};
      for (const event of events) {
        const counter = event.type === 'feedback' ? feedbackCounter(event) : WIDGET_COUNTERS[event.type];
        if (counter) tally(counters, counter);
        if (event.product_id === undefined) continue;
        if (event.type === 'card_click') tally(clicked, String(event.product_id));
        if (event.type === 'add_to_cart') tally(added, String(event.product_id));
      }
      add(tenant, 'n', counters);
      add(tenant, 'pc', clicked, KEEP.products);
      add(tenant, 'pa', added, KEEP.products);
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

function feedbackCounter(event: WidgetEventBody): Counter | null {
  if (event.rating === 'up') return 'feedback_up';
  if (event.rating === 'down') return 'feedback_down';
  return null;
}
