/**
 * The key-value store every piece of shared state goes through: conversations,
 * thread mappings, caches, sync state and locks. Two implementations pass one
 * contract suite (tests/store/contract.ts): an embedded SQLite file that needs no
 * server, and Redis for several proxy instances.
 */
export interface KeyValueStore {
  /** 'embedded' or 'redis', for health and logs. */
  readonly kind: 'embedded' | 'redis';

  get(key: string): Promise<string | null>;
  /** Set a value; `ttlMs` makes it expire. */
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>;
  /** Set only when the key does not exist (a lock). True when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Delete only when the key still holds `expected` (releasing one's own lock). */
  deleteIfEquals(key: string, expected: string): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomically add `by` and return the new value; `ttlMs` applies when the key is created. */
  incrBy(key: string, by: number, ttlMs?: number): Promise<number>;
  /** Remaining time to live in ms, null when the key has no expiry or does not exist. */
  ttl(key: string): Promise<number | null>;
  /**
   * Add to the scores of members of a sorted set in one atomic step (daily counters that
   * several instances add to). `ttlMs` applies when the set is created; with `keep`, once the
   * set holds more than twice that many members only the `keep` highest stay, so it stays bounded.
   */
  zIncrBy(key: string, increments: Readonly<Record<string, number>>, options?: { ttlMs?: number; keep?: number }): Promise<void>;
  /** Members of a sorted set, highest score first (`limit` of them, or all); [] when it does not exist. */
  zTop(key: string, limit?: number): Promise<Array<{ member: string; score: number }>>;
  /** Keys starting with `prefix` (for maintenance jobs such as retention; not for hot paths). */
  keys(prefix: string): Promise<string[]>;
  /** Cheap liveness check for health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function getJson<T>(store: KeyValueStore, key: string): Promise<T | null> {
  const raw = await store.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export async function setJson(store: KeyValueStore, key: string, value: unknown, options?: { ttlMs?: number }): Promise<void> {
  await store.set(key, JSON.stringify(value), options);
}
