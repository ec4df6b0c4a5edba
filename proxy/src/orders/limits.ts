import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../logging/logger';
import type { RedisStore } from '../store/redis';
import type { KeyValueStore } from '../store/types';

/** Who a look-up by order number counts against. */
export interface LookupSubject {
  tenant: string;
  /** The shopper session; 'anonymous' (the open proxy) is limited by IP only. */
  owner: string;
  ip: string;
}

export type LookupGate =
  | { allowed: true; /** Call once the answer is known: a match gives its point back. */ settle(matched: boolean): Promise<void> }
  | { allowed: false; retryAfterS: number };

export interface OrderLookupLimit {
  begin(subject: LookupSubject): Promise<LookupGate>;
}

export const DEFAULT_LOOKUP_RULE = { points: 5, durationS: 3_600 } as const;

function limiter(name: string, rule: { points: number; durationS: number }, redis: Redis | null): RateLimiterAbstract {
  const base = { points: rule.points, duration: rule.durationS, keyPrefix: `rl:${name}` };
  // The in-memory twin keeps the limit (per instance) while Redis is away.
  const insurance = new RateLimiterMemory(base);
  if (!redis) return insurance;
  return new RateLimiterRedis({ ...base, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: insurance });
}

/**
 * Failed look-ups by order number, per session and per IP (so several sessions on one address
 * share a budget), shared by every instance through Redis. A point is taken before the look-up
 * and given back when it matched: concurrent tries cannot slip past the limit, and once it is
 * reached even a right pair is refused, so the refusal itself tells an attacker nothing.
 */
export function createOrderLookupLimit(options: {
  store: KeyValueStore;
  rule?: { points: number; durationS: number };
  logger?: Logger;
}): OrderLookupLimit {
  const redis = options.store.kind === 'redis' ? (options.store as RedisStore).client : null;
  const rule = options.rule ?? DEFAULT_LOOKUP_RULE;
  const bySession = limiter('order-lookup-session', rule, redis);
  const byIp = limiter('order-lookup-ip', rule, redis);

  /** True when a point was taken, a number of seconds when refused, null when the limiter is unavailable. */
  const take = async (l: RateLimiterAbstract, key: string): Promise<true | number | null> => {
    try {
      await l.consume(key, 1);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      // Neither Redis nor the insurance limiter answered: let the look-up through rather than fail it.
      options.logger?.warn({ err: rejection }, 'order look-up limiter unavailable');
      return null;
    }
  };
  const giveBack = (l: RateLimiterAbstract, key: string) =>
    l.reward(key, 1).then(
      () => undefined,
      () => undefined,
    );

  return {
    async begin(subject) {
      if (redis && redis.status === 'wait') redis.connect().catch(() => undefined);
      const taken: Array<[RateLimiterAbstract, string]> = [];
      let retryAfterS = 0;
      const checks: Array<[RateLimiterAbstract, string]> = [[byIp, `${subject.tenant}\0${subject.ip}`]];
      if (subject.owner !== 'anonymous') checks.push([bySession, `${subject.tenant}\0${subject.owner}`]);
      for (const [l, key] of checks) {
        const result = await take(l, key);
        if (result === true) taken.push([l, key]);
        else if (typeof result === 'number') retryAfterS = Math.max(retryAfterS, result);
      }
      if (retryAfterS > 0) {
        // Refused tries do not count: only look-ups that reached the store do.
        await Promise.all(taken.map(([l, key]) => giveBack(l, key)));
        return { allowed: false, retryAfterS };
      }
      return {
        allowed: true,
        async settle(matched) {
          if (matched) await Promise.all(taken.map(([l, key]) => giveBack(l, key)));
        },
      };
    },
  };
}
