import { randomBytes } from 'node:crypto';
import { getJson, setJson, type KeyValueStore } from '../store/types';

/**
 * The proxy's own thread IDs, mapped to OpenAI Conversations. Clients only ever
 * see our opaque IDs; an OpenAI conversation ID from a client is never accepted.
 */
export interface ThreadRecord {
  conversation_id: string;
  /** The shopper session that created the thread; nobody else may use it. */
  owner: string;
  /** The store (site) the thread belongs to. */
  tenant: string;
  created_at: number;
  turns: number;
  /** The signed-in customer's WordPress user ID (from the session token), for data-subject requests. */
  user_id?: number;
  /** sha256 of each address the shopper typed (lower-cased, trimmed); the addresses themselves stay at OpenAI only. */
  email_hashes?: string[];
  /** The answers' ids (`done.message_id`), oldest first: feedback may only name one of these. */
  answers?: string[];
  /** Last turn, epoch ms. */
  updated_at?: number;
}

export const THREAD_ID_PATTERN = /^thread_[A-Za-z0-9_-]{16,64}$/;

/** How a store's threads are looked up for review and for data-subject requests. */
export type ThreadLookup = { by: 'store' } | { by: 'user'; userId: number } | { by: 'email'; emailHash: string };

export interface ThreadRepository {
  newId(): string;
  save(threadId: string, record: ThreadRecord): Promise<void>;
  /** The thread when it exists and belongs to this owner and tenant; otherwise null, without saying which. */
  find(threadId: string, owner: string, tenant: string): Promise<ThreadRecord | null>;
  /** The thread when it belongs to this store, whoever started it (the store's own admin asks). */
  findForStore(threadId: string, tenant: string): Promise<ThreadRecord | null>;
  /** Thread IDs of a store, of one of its customers, or of one email hash (unordered). */
  list(tenant: string, lookup: ThreadLookup): Promise<string[]>;
  /** The record and every index entry that names it. */
  remove(threadId: string): Promise<void>;
}

/** Index keys: one per (store, thread), (store, user, thread) and (store, email hash, thread). */
const storeKey = (tenant: string) => `threads:store:${encodeURIComponent(tenant)}:`;
const userKey = (tenant: string, userId: number) => `threads:user:${encodeURIComponent(tenant)}:${userId}:`;
const emailKey = (tenant: string, hash: string) => `threads:email:${encodeURIComponent(tenant)}:${hash}:`;

function indexKeys(threadId: string, record: ThreadRecord): string[] {
  return [
    `${storeKey(record.tenant)}${threadId}`,
    ...(record.user_id ? [`${userKey(record.tenant, record.user_id)}${threadId}`] : []),
    ...(record.email_hashes ?? []).map((hash) => `${emailKey(record.tenant, hash)}${threadId}`),
  ];
}

export function createThreadRepository(deps: { store: KeyValueStore; ttlDays: number }): ThreadRepository {
  const key = (id: string) => `thread:${id}`;
  const ttlMs = deps.ttlDays * 86_400_000;
  const load = async (threadId: string) =>
    THREAD_ID_PATTERN.test(threadId) ? getJson<ThreadRecord>(deps.store, key(threadId)) : null;
  return {
    newId: () => `thread_${randomBytes(18).toString('base64url')}`,
    async save(threadId, record) {
      await setJson(deps.store, key(threadId), record, { ttlMs });
      // The index lives as long as the record; each save pushes both forward.
      await Promise.all(indexKeys(threadId, record).map((k) => deps.store.set(k, String(record.created_at), { ttlMs })));
    },
    async find(threadId, owner, tenant) {
      const record = await load(threadId);
      if (!record || record.owner !== owner || record.tenant !== tenant) return null;
      return record;
    },
    async findForStore(threadId, tenant) {
      const record = await load(threadId);
      return record && record.tenant === tenant ? record : null;
    },
    async list(tenant, lookup) {
      const prefix =
        lookup.by === 'store'
          ? storeKey(tenant)
          : lookup.by === 'user'
            ? userKey(tenant, lookup.userId)
            : emailKey(tenant, lookup.emailHash);
      return (await deps.store.keys(prefix)).map((k) => k.slice(prefix.length)).filter((id) => THREAD_ID_PATTERN.test(id));
    },
    async remove(threadId) {
      const record = await load(threadId);
      await deps.store.del(key(threadId));
      if (record) await Promise.all(indexKeys(threadId, record).map((k) => deps.store.del(k)));
    },
  };
}
