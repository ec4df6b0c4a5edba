import { Redis, type RedisOptions } from 'ioredis';
import type { KeyValueStore } from './types';

const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const INCR_WITH_TTL = `local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;
// KEYS[1] the set; ARGV[1] ttl ms (0: none), ARGV[2] keep (0: unbounded), then member/increment pairs.
const ZINCR_BOUNDED = `for i = 3, #ARGV, 2 do redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i]) end
if tonumber(ARGV[1]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local keep = tonumber(ARGV[2])
if keep > 0 and redis.call('ZCARD', KEYS[1]) > 2 * keep then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -keep - 1) end
return 1`;

/**
 * Redis could not answer (down, restarting, unreachable). Typed so the HTTP
 * layer can say "try again shortly" (503) instead of a generic 500.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(`The shared store is unavailable (${operation}).`, options);
    this.name = 'StoreUnavailableError';
  }
}

export interface RedisStore extends KeyValueStore {
  /** The connection, for libraries that speak Redis themselves (rate limiter). */
  readonly client: Redis;
  readonly url: string;
}

/**
 * Redis behind the store interface. Commands fail fast while Redis is away
 * (no offline queue, one retry) so a request gets a clear error instead of
 * hanging; ioredis reconnects by itself and the store recovers.
 */
export function createRedisStore(options: { url: string; keyPrefix?: string; redisOptions?: RedisOptions }): RedisStore {
  const client = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? 'aisle:',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options.redisOptions,
  });
  // Errors surface on the failing command; the connection-level event only needs a listener.
  client.on('error', () => undefined);
  const prefix = options.keyPrefix ?? 'aisle:';
  let connecting: Promise<void> | null = null;
  const ready = async () => {
    if (client.status === 'ready') return;
    // Callers that arrive while the first connection is being made wait for it too.
    if (connecting) return connecting;
    if (client.status === 'wait') {
      connecting ??= client.connect().finally(() => {
        connecting = null;
      });
      await connecting;
      return;
    }
    if (client.status === 'connecting' || client.status === 'connect') {
      // Someone else (a limiter sharing this client) started the connection: wait briefly for it.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          client.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, 2000);
        client.once('ready', done);
      });
    }
  };
  /** Every command: connect when needed, and turn any Redis failure into one typed error. */
  const command = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      await ready();
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(operation, { cause: error });
    }
  };

  return {
    kind: 'redis',
    client,
    url: options.url,
    get(key) {
      return command('get', async () => {
        return client.get(key);
      });
    },
    set(key, value, opts) {
      return command('set', async () => {
        if (opts?.ttlMs) await client.set(key, value, 'PX', opts.ttlMs);
        else await client.set(key, value);
      });
    },
    setIfAbsent(key, value, ttlMs) {
      return command('setIfAbsent', async () => {
        return (await client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
      });
    },
    deleteIfEquals(key, expected) {
      return command('deleteIfEquals', async () => {
        return Number(await client.eval(DELETE_IF_EQUALS, 1, key, expected)) > 0;
      });
    },
    del(key) {
      return command('del', async () => {
        await client.del(key);
      });
    },
    incrBy(key, by, ttlMs) {
      return command('incrBy', async () => {
        return Number(await client.eval(INCR_WITH_TTL, 1, key, String(by), String(ttlMs ?? 0)));
      });
    },
    zIncrBy(key, increments, opts) {
      const pairs = Object.entries(increments).filter(([, by]) => by !== 0);
      if (pairs.length === 0) return Promise.resolve();
      return command('zIncrBy', async () => {
        const args = pairs.flatMap(([member, by]) => [member, String(by)]);
        await client.eval(ZINCR_BOUNDED, 1, key, String(opts?.ttlMs ?? 0), String(opts?.keep ?? 0), ...args);
      });
    },
    zTop(key, limit) {
      return command('zTop', async () => {
        const flat = await client.zrevrange(key, 0, limit === undefined ? -1 : limit - 1, 'WITHSCORES');
        const out: Array<{ member: string; score: number }> = [];
        for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i]!, score: Number(flat[i + 1]) });
        return out;
      });
    },
    ttl(key) {
      return command('ttl', async () => {
        const ms = await client.pttl(key);
        return ms < 0 ? null : ms;
      });
    },
    keys(keyPrefix) {
      return command('keys', async () => {
        const found: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}${escapeGlob(keyPrefix)}*`, 'COUNT', 500);
          cursor = next;
          for (const k of batch) found.push(k.slice(prefix.length));
        } while (cursor !== '0');
        return found;
      });
    },
    async ping() {
      try {
        await ready();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (client.status === 'end') return;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
