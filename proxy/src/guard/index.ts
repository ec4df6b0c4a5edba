import type { Logger } from '../logging/logger';
import { createConversationIndex, type ConversationIndex } from '../maintenance/conversation-index';
import type { KeyValueStore } from '../store/types';
import type { RedisStore } from '../store/redis';
import { createClientIpResolver, type ClientIpResolver } from './client-ip';
import { createModerationCheck, type ModerationCheck } from './moderation';
import { createRateLimiter, DEFAULT_RATE_RULES, type RateLimiter, type RateRule } from './rate-limit';
import { createSpendGuard, type SpendGuard } from './spend';

export { createClientIpResolver } from './client-ip';
export { createRateLimiter, RateLimitedError, DEFAULT_RATE_RULES } from './rate-limit';
export { createSpendGuard, type SpendGuard, type SpendStatus } from './spend';
export { createModerationCheck } from './moderation';
export { createLinkFilter, filterTextLinks } from './link-filter';
export { securityHeaders } from './security-headers';

/** The guard settings, one per environment variable (the README's configuration table). */
export interface GuardSettings {
  /** AISLE_RATE_SESSION_PER_MIN, AISLE_RATE_IP_PER_MIN, AISLE_RATE_STORE_PER_MIN (0 = off). */
  ratePerMinute?: { session?: number; ip?: number; store?: number };
  /** AISLE_TRUSTED_PROXIES: comma-separated addresses/CIDRs (or `loopback`, `private`). */
  trustedProxies?: string;
  /** AISLE_DAILY_TOKEN_CAP: tokens per store per UTC day (0 = no cap). */
  dailyTokenCap?: number;
  /** AISLE_MODERATION: `on` checks shopper messages first (a store's own setting wins, see `ChatRuntime.moderation`). */
  moderation?: boolean;
  /** AISLE_THREAD_TTL_DAYS. */
  threadTtlDays: number;
}

export interface Guards {
  clientIp: ClientIpResolver;
  rateLimit: RateLimiter;
  spend: SpendGuard;
  moderate: ModerationCheck | null;
  conversationIndex: ConversationIndex;
}

const rule = (perMinute: number | undefined, fallback: RateRule): RateRule =>
  perMinute === undefined ? fallback : { points: perMinute, durationS: 60 };

/** Everything the chat path needs to refuse abuse and cap spend, from settings and the shared store. */
export interface PerStoreControls {
  /** The store's daily token cap (0 = none). */
  dailyTokenCap(tenant: string): Promise<number>;
  /** The store's chat turns per shopper per minute (0 = off). */
  ratePerSessionPerMin(tenant: string): Promise<number>;
}

export function createGuards(
  settings: GuardSettings,
  deps: { store: KeyValueStore; logger: Logger; perStore?: PerStoreControls },
): Guards {
  const clientIp = createClientIpResolver({ trustedProxies: (settings.trustedProxies ?? '').split(',').filter((s) => s.trim()) });
  const redis = deps.store.kind === 'redis' ? (deps.store as RedisStore).client : null;
  return {
    clientIp,
    rateLimit: createRateLimiter({
      perSession: rule(settings.ratePerMinute?.session, DEFAULT_RATE_RULES.perSession),
      perIp: rule(settings.ratePerMinute?.ip, DEFAULT_RATE_RULES.perIp),
      perStore: rule(settings.ratePerMinute?.store, DEFAULT_RATE_RULES.perStore),
      ...(deps.perStore ? { sessionPointsFor: deps.perStore.ratePerSessionPerMin } : {}),
      clientIp,
      redis,
      keyPrefix: 'rl',
      logger: deps.logger,
    }),
    spend: createSpendGuard({
      store: deps.store,
      dailyTokenCap: settings.dailyTokenCap ?? 0,
      ...(deps.perStore ? { capFor: deps.perStore.dailyTokenCap } : {}),
    }),
    // Whether a store's messages are checked is the store's choice (ChatRuntime.moderation); the check is always ready.
    moderate: settings.moderation || deps.perStore ? createModerationCheck({ logger: deps.logger }) : null,
    conversationIndex: createConversationIndex({ store: deps.store, ttlDays: settings.threadTtlDays }),
  };
}
