import type { AisleConfig } from '../config/schema';
import { createChatService } from '../chat/service';
import type { ThreadRepository } from '../chat/threads';
import type { Guards } from '../guard';
import { countChatInsights } from '../insights';
import type { Logger } from '../logging/logger';
import { instrumentChat, type Metrics } from '../metrics';
import type { CatalogFreshness } from './catalog-freshness';
import type { StoreInsights } from './insights';
import type { RuntimeFactory } from './runtime';

/**
 * The shopper-facing chat of every store: the chat service with the guards, counted for the
 * owner's insights (tokens per model, messages, cards shown) and timed into /metrics.
 */
export function createStoreChat(deps: {
  config: AisleConfig;
  runtimes: RuntimeFactory;
  threads: ThreadRepository;
  guards: Guards;
  freshness: CatalogFreshness;
  insights: StoreInsights;
  metrics: Metrics;
  logger: Logger;
}) {
  const { runtimes, guards, insights } = deps;
  const service = createChatService({
    runtimeFor: (shopper) => runtimes.forTenant(shopper.tenant),
    threads: deps.threads,
    logger: deps.logger,
    spend: guards.spend,
    moderate: guards.moderate,
    conversationIndex: guards.conversationIndex,
    // OpenAI says the store's vector store is gone: chat goes on without it while a sync rebuilds it.
    onCatalogMissing: async (shopper) => {
      const runtime = await runtimes.forTenant(shopper.tenant);
      const { vectorStoreId } = await runtime.settings();
      if (vectorStoreId) await deps.freshness.markMissing(runtime, vectorStoreId);
    },
    idleTimeoutMs: deps.config.OPENAI_IDLE_TIMEOUT_MS,
    onUsage: (usage, shopper, model) => insights.recorder.usage(shopper.tenant, model, usage.input, usage.output),
  });
  return instrumentChat(countChatInsights(service, insights.recorder), deps.metrics);
}
