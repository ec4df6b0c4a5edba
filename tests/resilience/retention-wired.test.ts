/**
 * Retention as the composed proxy schedules it from its environment (the job itself is tested in
 * retention.test.ts): a conversation older than AISLE_THREAD_TTL_DAYS is forgotten here and deleted at
 * OpenAI by the proxy's own scheduled job; a fresh one stays. Red if compose.ts stops scheduling it.
 */
import { CONVERSATION_INDEX_PREFIX, type IndexedConversation } from '../../proxy/src/maintenance/conversation-index';
import { getJson, setJson } from '../../proxy/src/store/types';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { startProxy, streamChat, type RunningProxy } from '../helpers/proxy';
import { fakeOpenAIKey } from '../helpers/keys';

const KEY = fakeOpenAIKey('retention-wired');

let openai: FakeOpenAI;
let proxy: RunningProxy;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [] });
  proxy = await startProxy({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_DEMO: 'on',
    AISLE_THREAD_TTL_DAYS: '30',
    AISLE_RETENTION_INTERVAL_MIN: '60',
  });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});

async function newThread(): Promise<string> {
  const { events } = await streamChat(proxy.url, { message: 'שלום', thread_id: null });
  return (events[0] as { thread_id: string }).thread_id;
}

test('the scheduled job forgets a conversation past the retention period, here and at OpenAI, and keeps a fresh one', async () => {
  const oldThread = await newThread();
  const freshThread = await newThread();
  const { store } = proxy.aisle;
  const entries: IndexedConversation[] = [];
  for (const key of await store.keys(CONVERSATION_INDEX_PREFIX)) entries.push((await getJson<IndexedConversation>(store, key))!);
  const old = entries.find((e) => e.thread_id === oldThread)!;
  expect(old.conversation_id).toMatch(/^conv_/);
  expect(openai.state.conversations.has(old.conversation_id)).toBe(true);
  // Age one conversation past the 30 days, as if it had been created 31 days ago.
  await setJson(store, `${CONVERSATION_INDEX_PREFIX}${old.conversation_id}`, {
    ...old,
    created_at: Date.now() - 31 * 86_400_000,
  });

  expect(proxy.aisle.retention).not.toBeNull();
  const report = await proxy.aisle.retention!.runNow();
  expect(report).toMatchObject({ forgotten: 1, failed: 0 });
  expect(openai.state.conversations.has(old.conversation_id)).toBe(false);
  expect(openai.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/conversations/${old.conversation_id}`)).toBe(true);

  // The old thread is gone for the shopper (a new one starts); the fresh one continues.
  const again = await streamChat(proxy.url, { message: 'עוד שאלה', thread_id: oldThread });
  expect(again.events[0]).toMatchObject({ type: 'thread_id', new_thread: true });
  const fresh = await streamChat(proxy.url, { message: 'עוד שאלה', thread_id: freshThread });
  expect(fresh.events[0]).toEqual({ type: 'thread_id', thread_id: freshThread });
});

test('AISLE_RETENTION_INTERVAL_MIN=0 turns the job off', async () => {
  const off = await startProxy({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_DEMO: 'on',
    AISLE_RETENTION_INTERVAL_MIN: '0',
  });
  try {
    expect(off.aisle.retention).toBeNull();
  } finally {
    await off.close();
  }
});
