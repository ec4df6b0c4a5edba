import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../logging/logger';
import type { RedisStore } from '../store/redis';
import type { KeyValueStore } from '../store/types';
import type { ClientIpResolver } from './client-ip';
import { RateLimitedError } from './rate-limit';

/**
 * Limits on the doors the chat-turn limits do not cover: the widget's analytics events (per IP),
 * and new shopper sessions per store. A signed session is cheap to mint for anyone who can load
 * the store's page, so a per-session limit alone lets one client rotate sessions; counting the
 * sessions a store sees for the first time bounds that. Shared through Redis when the store is
 * Redis, per instance otherwise (or while Redis is away).
 */
function perMinute(name: string, points: number, redis: Redis | null): RateLimiterAbstract {
  const base = { points, duration: 60, keyPrefix: `rl:${name}` };
  const insurance = new RateLimiterMemory(base);
  if (!redis) return insurance;
  return new RateLimiterRedis({ ...base, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: insurance });
}

const redisOf = (store: KeyValueStore): Redis | null => (store.kind === 'redis' ? (store as RedisStore).client : null);

async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  scope: 'ip' | 'store',
  logger: Logger | undefined,
): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), scope);
    }
    // Neither Redis nor the insurance limiter answered: let the request through rather than fail it.
    logger?.warn({ err: rejection, scope }, 'rate limiter unavailable');
  }
}

/** Per client IP on a cheap endpoint (`POST /api/events`); null when off (0). */
export function createIpLimit(options: {
  name: string;
  perMinute: number;
  clientIp: ClientIpResolver;
  store: KeyValueStore;
  logger?: Logger;
}): ((req: Request) => Promise<void>) | null {
  if (options.perMinute <= 0) return null;
  const limiter = perMinute(options.name, options.perMinute, redisOf(options.store));
  return (req) => consume(limiter, options.clientIp(req), 'ip', options.logger);
}

export interface NewSessionSubject {
  owner: string;
  tenant: string;
}

/** How long a session counts as seen (a session ID outlives its hour-long tokens). */
const SEEN_TTL_MS = 24 * 3_600_000;
/** Sessions remembered in this instance, so a known session's turn costs no store round trip. */
const LOCAL_SEEN_MAX = 50_000;

/**
 * Counts each store's first-seen shopper sessions per minute; 429 `rate_limited` past the limit.
 * Returns nothing (no await) for a session this instance has seen already: the time to first text
 * of a returning shopper does not change. Null when off (0).
 */
export function createNewSessionLimit(options: {
  perMinute: number;
  store: KeyValueStore;
  logger?: Logger;
}): ((subject: NewSessionSubject) => Promise<void> | void) | null {
  if (options.perMinute <= 0) return null;
  const limiter = perMinute('new-session', options.perMinute, redisOf(options.store));
  const seenHere = new Map<string, true>();
  const remember = (key: string) => {
    seenHere.set(key, true);
    if (seenHere.size > LOCAL_SEEN_MAX) seenHere.delete(seenHere.keys().next().value!);
  };
  const check = async (key: string, tenant: string) => {
    const storeKey = `seen-session:${key}`;
    let first: boolean;
    try {
      first = await options.store.setIfAbsent(storeKey, '1', SEEN_TTL_MS);
    } catch (error) {
      // The shared store is down: count the session as new here (the limiter has its insurance).
      options.logger?.warn({ err: error }, 'could not check whether a shopper session is new');
      first = true;
    }
    if (first) {
      try {
        await consume(limiter, tenant, 'store', options.logger);
      } catch (error) {
        // Refused: it stays a new session, so its next try is counted again.
        await options.store.del(storeKey).catch(() => undefined);
        throw error;
      }
    }
    remember(key);
  };
  return (subject) => {
    if (subject.owner === 'anonymous') return;
    const key = `${subject.tenant}|${subject.owner}`;
    if (seenHere.has(key)) return;
    return check(key, subject.tenant);
  };
}
