import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ApiError } from '../http/errors';
import type { Logger } from '../logging/logger';
import type { ClientIpResolver } from './client-ip';

/** `points` requests per `durationS` seconds; 0 points turns the limit off. */
export interface RateRule {
  points: number;
  durationS: number;
}

export interface RateLimitOptions {
  perSession: RateRule;
  perIp: RateRule;
  perStore: RateRule;
  /** A store's own per-session limit (its owner's setting, points per minute); `perSession` when absent. */
  sessionPointsFor?: (tenant: string) => Promise<number>;
  clientIp: ClientIpResolver;
  /** Shared limits for every instance on this Redis; memory (one instance) without it. */
  redis?: Redis | null;
  /** Redis key prefix for the limiter keys (after the client's own prefix). */
  keyPrefix?: string;
  logger?: Logger;
}

/** Who a chat request counts against. */
export interface RateSubject {
  /** The shopper session; 'anonymous' (open proxy) is limited by IP only. */
  owner: string;
  tenant: string;
}

export class RateLimitedError extends ApiError {
  constructor(retryAfterS: number, scope: 'session' | 'ip' | 'store') {
    const message =
      scope === 'store'
        ? 'The assistant is very busy right now. Please try again in a moment.'
        : 'You are sending messages too quickly. Please wait a moment and try again.';
    super(429, 'rate_limited', message, { retryAfter: retryAfterS });
    this.name = 'RateLimitedError';
  }
}

export type RateLimiter = (req: Request, subject: RateSubject) => Promise<void>;

function limiterFor(name: string, rule: RateRule, options: RateLimitOptions): RateLimiterAbstract | null {
  if (rule.points <= 0) return null;
  const base = { points: rule.points, duration: rule.durationS, keyPrefix: `${options.keyPrefix ?? 'rl'}:${name}` };
  // The in-memory twin keeps limits working (per instance) while Redis is away.
  const insurance = new RateLimiterMemory(base);
  if (!options.redis) return insurance;
  return new RateLimiterRedis({ ...base, storeClient: options.redis, rejectIfRedisNotReady: true, insuranceLimiter: insurance });
}

/**
 * Per session, per client IP and per store limits on chat turns, with
 * rate-limiter-flexible. Throws a 429 `rate_limited` ApiError carrying
 * `retry_after` (seconds), which the error middleware sends as `Retry-After`
 * and `{error:{code,message,retry_after}}` before any stream opens.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const limiters = {
    ip: limiterFor('ip', options.perIp, options),
    session: limiterFor('session', options.perSession, options),
    store: limiterFor('store', options.perStore, options),
  };
  const redis = options.redis;
  const connect = () => {
    // The store's client connects lazily; make sure the limiter does not sit on insurance forever.
    if (redis && redis.status === 'wait') redis.connect().catch(() => undefined);
  };

  // One limiter per distinct per-session limit that stores chose (a handful at most).
  const sessionLimiters = new Map<number, RateLimiterAbstract | null>();
  const sessionLimiter = async (tenant: string): Promise<RateLimiterAbstract | null> => {
    if (!options.sessionPointsFor) return limiters.session;
    const points = await options.sessionPointsFor(tenant).catch(() => options.perSession.points);
    if (points === options.perSession.points && options.perSession.durationS === 60) return limiters.session;
    if (!sessionLimiters.has(points))
      sessionLimiters.set(points, limiterFor(`session${points}`, { points, durationS: 60 }, options));
    return sessionLimiters.get(points) ?? null;
  };

  const consume = async (scope: 'ip' | 'session' | 'store', key: string, chosen?: RateLimiterAbstract | null) => {
    const limiter = chosen === undefined ? limiters[scope] : chosen;
    if (!limiter) return;
    try {
      await limiter.consume(key, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), scope);
      }
      // Neither Redis nor the insurance limiter answered: let the request through rather than fail it.
      options.logger?.warn({ err: rejection, scope }, 'rate limiter unavailable');
    }
  };

  return async (req, subject) => {
    connect();
    await consume('ip', options.clientIp(req));
    if (subject.owner !== 'anonymous')
      await consume('session', `${subject.tenant}\0${subject.owner}`, await sessionLimiter(subject.tenant));
    await consume('store', subject.tenant);
  };
}

/** Reasonable limits for a shop: a person types far slower than this. */
export const DEFAULT_RATE_RULES = {
  perSession: { points: 20, durationS: 60 },
  perIp: { points: 60, durationS: 60 },
  perStore: { points: 600, durationS: 60 },
} as const satisfies Record<string, RateRule>;
