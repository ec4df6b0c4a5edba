import { getJson, setJson, type KeyValueStore } from '../store/types';

/**
 * A record of every OpenAI Conversation the proxy created, so retention can
 * delete it upstream after the thread mapping has expired by itself. One key per
 * conversation (`retention:conv:<id>`), kept a week past the retention period so
 * a job that was down for a few days still finds it.
 */
export interface IndexedConversation {
  conversation_id: string;
  thread_id: string;
  tenant: string;
  created_at: number;
}

export interface ConversationIndex {
  remember(entry: IndexedConversation): Promise<void>;
  list(): Promise<IndexedConversation[]>;
  forget(conversationId: string): Promise<void>;
}

export const CONVERSATION_INDEX_PREFIX = 'retention:conv:';
const GRACE_MS = 7 * 86_400_000;

export function createConversationIndex(deps: { store: KeyValueStore; ttlDays: number }): ConversationIndex {
  const key = (id: string) => `${CONVERSATION_INDEX_PREFIX}${id}`;
  return {
    async remember(entry) {
      await setJson(deps.store, key(entry.conversation_id || `local:${entry.thread_id}`), entry, {
        ttlMs: deps.ttlDays * 86_400_000 + GRACE_MS,
      });
    },
    async list() {
      const keys = await deps.store.keys(CONVERSATION_INDEX_PREFIX);
      const entries = await Promise.all(keys.map((k) => getJson<IndexedConversation>(deps.store, k).catch(() => null)));
      return entries.filter((e): e is IndexedConversation => e !== null && typeof e.created_at === 'number');
    },
    async forget(conversationId) {
      await deps.store.del(key(conversationId));
    },
  };
}
