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
}

export const THREAD_ID_PATTERN = /^thread_[A-Za-z0-9_-]{16,64}$/;

export interface ThreadRepository {
  newId(): string;
  save(threadId: string, record: ThreadRecord): Promise<void>;
  /** The thread when it exists and belongs to this owner and tenant; otherwise null, without saying which. */
  find(threadId: string, owner: string, tenant: string): Promise<ThreadRecord | null>;
  remove(threadId: string): Promise<void>;
}

export function createThreadRepository(deps: { store: KeyValueStore; ttlDays: number }): ThreadRepository {
  const key = (id: string) => `thread:${id}`;
  const ttlMs = deps.ttlDays * 86_400_000;
  return {
    newId: () => `thread_${randomBytes(18).toString('base64url')}`,
    async save(threadId, record) {
      await setJson(deps.store, key(threadId), record, { ttlMs });
    },
    async find(threadId, owner, tenant) {
      if (!THREAD_ID_PATTERN.test(threadId)) return null;
      const record = await getJson<ThreadRecord>(deps.store, key(threadId));
      if (!record || record.owner !== owner || record.tenant !== tenant) return null;
      return record;
    },
    async remove(threadId) {
      await deps.store.del(key(threadId));
    },
  };
}
