import type { KeyValueStore } from '../store/types';

export type Rating = 'up' | 'down';

/** A shopper's thumb on one answer: one per answer, a second one replaces the first. */
export interface FeedbackStore {
  rate(tenant: string, threadId: string, messageId: string, rating: Rating): Promise<void>;
  /** message_id → rating for one thread. */
  forThread(tenant: string, threadId: string): Promise<Record<string, Rating>>;
  remove(tenant: string, threadId: string): Promise<void>;
}

export const FEEDBACK_PREFIX = 'feedback:';

/**
 * One key per answer (`feedback:<store>:<thread>:<message>`), so two thumbs pressed at once on one
 * thread never overwrite each other, and a thread's ratings go with it (same time to live).
 */
export function createFeedbackStore(deps: { store: KeyValueStore; ttlDays: number }): FeedbackStore {
  const threadPrefix = (tenant: string, threadId: string) => `${FEEDBACK_PREFIX}${encodeURIComponent(tenant)}:${threadId}:`;
  return {
    async rate(tenant, threadId, messageId, rating) {
      await deps.store.set(`${threadPrefix(tenant, threadId)}${messageId}`, rating, { ttlMs: deps.ttlDays * 86_400_000 });
    },
    async forThread(tenant, threadId) {
      const prefix = threadPrefix(tenant, threadId);
      const keys = await deps.store.keys(prefix);
      const values = await Promise.all(keys.map((k) => deps.store.get(k)));
      const ratings: Record<string, Rating> = {};
      keys.forEach((k, i) => {
        const value = values[i];
        if (value === 'up' || value === 'down') ratings[k.slice(prefix.length)] = value;
      });
      return ratings;
    },
    async remove(tenant, threadId) {
      const keys = await deps.store.keys(threadPrefix(tenant, threadId));
      await Promise.all(keys.map((k) => deps.store.del(k)));
    },
  };
}
