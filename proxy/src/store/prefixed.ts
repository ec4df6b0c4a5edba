import type { KeyValueStore } from './types';

/**
 * A view of a store under a key prefix. Each store (site) served by one proxy
 * gets its own, so threads, caches, sync state and locks never mix between sites.
 */
export function prefixedStore(inner: KeyValueStore, prefix: string): KeyValueStore {
  if (!prefix) return inner;
  const k = (key: string) => `${prefix}${key}`;
  return {
    kind: inner.kind,
    get: (key) => inner.get(k(key)),
    set: (key, value, options) => inner.set(k(key), value, options),
    setIfAbsent: (key, value, ttlMs) => inner.setIfAbsent(k(key), value, ttlMs),
    deleteIfEquals: (key, expected) => inner.deleteIfEquals(k(key), expected),
    del: (key) => inner.del(k(key)),
    incrBy: (key, by, ttlMs) => inner.incrBy(k(key), by, ttlMs),
    zIncrBy: (key, increments, options) => inner.zIncrBy(k(key), increments, options),
    zTop: (key, limit) => inner.zTop(k(key), limit),
    ttl: (key) => inner.ttl(k(key)),
    keys: async (p) => (await inner.keys(k(p))).map((key) => key.slice(prefix.length)),
    ping: () => inner.ping(),
    // The underlying store is shared; its owner closes it.
    close: async () => undefined,
  };
}
