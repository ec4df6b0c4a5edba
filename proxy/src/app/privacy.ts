import type { Request, Router } from 'express';
import type { ThreadRepository } from '../chat/threads';
import type { Shopper } from '../chat/types';
import type { AisleConfig } from '../config/schema';
import type { ClientIpResolver } from '../guard/client-ip';
import { createIpLimit } from '../guard/door-limits';
import type { ApiDocs } from '../http/openapi';
import type { Logger } from '../logging/logger';
import type { ConversationIndex } from '../maintenance/conversation-index';
import { createPrivacyAdminRouter } from '../privacy/admin-routes';
import { createConversationAdmin } from '../privacy/conversations';
import { describeFeedbackRoute, describePrivacyAdminRoutes } from '../privacy/docs';
import { createFeedbackStore, type FeedbackStore } from '../privacy/feedback';
import { createFeedbackRouter } from '../privacy/feedback-routes';
import type { KeyValueStore } from '../store/types';
import type { RuntimeFactory } from './runtime';

/** Thumbs one client IP may give per minute (a person rates a few answers; a script, many). */
const FEEDBACK_PER_IP_PER_MIN = 60;

/**
 * Answer feedback for shoppers, and for each store's owner transcript review and the
 * personal-data export and erasure behind WordPress's privacy tools.
 */
export function createPrivacyRoutes(deps: {
  config: AisleConfig;
  store: KeyValueStore;
  threads: ThreadRepository;
  guards: { conversationIndex: ConversationIndex; clientIp: ClientIpResolver };
  runtimes: RuntimeFactory;
  resolveShopper: (req: Request) => Promise<Shopper>;
  docs: ApiDocs;
  logger: Logger;
}): { shopper: Router; admin: () => Router; feedback: FeedbackStore } {
  const { store, logger } = deps;
  const feedback = createFeedbackStore({ store, ttlDays: deps.config.AISLE_THREAD_TTL_DAYS });
  describeFeedbackRoute(deps.docs);
  return {
    feedback,
    shopper: createFeedbackRouter({
      threads: deps.threads,
      feedback,
      resolveShopper: deps.resolveShopper,
      limit: createIpLimit({
        name: 'feedback',
        perMinute: FEEDBACK_PER_IP_PER_MIN,
        clientIp: deps.guards.clientIp,
        store,
        logger,
      }),
    }),
    /** Only with signed admin requests (a connection secret): describes its routes when built. */
    admin() {
      describePrivacyAdminRoutes(deps.docs);
      return createPrivacyAdminRouter({
        conversations: createConversationAdmin({
          threads: deps.threads,
          feedback,
          conversationIndex: deps.guards.conversationIndex,
          runtimeFor: (tenant) => deps.runtimes.forTenant(tenant),
        }),
        reviewEnabled: async (site) => (await deps.runtimes.forTenant(site)).controls.transcriptReview,
        logger,
      });
    },
  };
}
