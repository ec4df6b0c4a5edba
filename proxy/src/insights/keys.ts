/**
 * Where a store's daily insights live in the shared key-value store: one sorted set per
 * store, day and kind, so several proxy instances add to the same numbers (ZINCRBY) and a
 * day is read in a few commands. The tenant is part of the key: the owner's route reads
 * only its own site's keys.
 */
export type InsightsSet =
  /** Counters by name (COUNTERS below). */
  | 'n'
  /** Tokens by `in:<model>` / `out:<model>`. */
  | 'tok'
  /** Products shown / clicked / added, by product ID. */
  | 'ps'
  | 'pc'
  | 'pa'
  /** Question terms and two-word phrases (normalized words, never the message). */
  | 't'
  | 'ph';

export const COUNTERS = [
  'conversations',
  'messages',
  'widget_opens',
  'widget_messages',
  'products_shown',
  'products_clicked',
  'products_added',
  'variations_chosen',
  'handoffs',
  'feedback_up',
  'feedback_down',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** How many members a day's product and term sets keep (the top of them; see KeyValueStore.zIncrBy). */
export const KEEP = { products: 500, terms: 300 } as const;

export function insightsKey(tenant: string, day: string, set: InsightsSet): string {
  return `insights:${tenant}:${day}:${set}`;
}
