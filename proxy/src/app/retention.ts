import type { ThreadRepository } from '../chat/threads';
import type { AisleConfig } from '../config/schema';
import type { Logger } from '../logging/logger';
import type { ConversationIndex } from '../maintenance/conversation-index';
import type { FeedbackStore } from '../privacy/feedback';
import { createRetentionJob, scheduleRetention } from '../maintenance/retention';
import type { KeyValueStore } from '../store/types';
import type { RuntimeFactory } from './runtime';

/** The retention job on its schedule, each store keeping conversations as long as its owner chose; null when off. */
export function scheduleStoreRetention(deps: {
  config: AisleConfig;
  index: ConversationIndex;
  threads: ThreadRepository;
  /** A forgotten thread's thumbs go with it. */
  feedback?: FeedbackStore;
  runtimes: RuntimeFactory;
  store: KeyValueStore;
  logger: Logger;
}) {
  const { config, runtimes, logger } = deps;
  if (config.AISLE_RETENTION_INTERVAL_MIN <= 0) return null;
  return scheduleRetention({
    run: createRetentionJob({
      index: deps.index,
      removeThread: async (id, tenant) => {
        await deps.threads.remove(id);
        await deps.feedback?.remove(tenant, id);
      },
      openaiFor: async (tenant) => (await runtimes.forTenant(tenant)).openai,
      ttlDays: config.AISLE_THREAD_TTL_DAYS,
      ttlDaysFor: async (tenant) => (await runtimes.forTenant(tenant)).controls.retentionDays,
      logger,
    }),
    store: deps.store,
    intervalMs: config.AISLE_RETENTION_INTERVAL_MIN * 60_000,
    logger,
  });
}
