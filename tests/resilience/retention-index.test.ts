import type { ChatEvent } from '../../proxy/src/contract/events';
import type { ConversationIndex, IndexedConversation } from '../../proxy/src/maintenance/conversation-index';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { streamChat } from '../helpers/proxy';
import { startGuardedProxy, type GuardedProxy } from './guarded';
import { fakeOpenAIKey } from '../helpers/keys';

/**
 * A new thread's conversation is indexed for the retention job off the hot path: after the
 * upstream answer has started (not between creating the conversation and asking for the answer),
 * but always, also when the turn fails or the shopper leaves, and before `done`.
 */
const KEY = fakeOpenAIKey('retention-index');

let openai: FakeOpenAI;
let proxy: GuardedProxy;
const remembered: Array<{ entry: IndexedConversation; responsesRequestsSoFar: number }> = [];

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY });
  const index: ConversationIndex = {
    async remember(entry) {
      remembered.push({
        entry,
        responsesRequestsSoFar: openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length,
      });
    },
    list: async () => remembered.map((r) => r.entry),
    forget: async () => undefined,
  };
  proxy = await startGuardedProxy(
    { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.baseURL, AISLE_DEMO: 'on' },
    { ratePerMinute: { ip: 0, session: 0, store: 0 } },
    { service: { conversationIndex: index } },
  );
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});
beforeEach(() => {
  remembered.length = 0;
  openai.reset();
});

const threadIdOf = (events: ChatEvent[]) => {
  const first = events[0];
  if (first?.type !== 'thread_id') throw new Error(`expected thread_id first, got ${first?.type}`);
  return first.thread_id;
};

test('the conversation is indexed once, after the upstream request was sent, and before done', async () => {
  const { status, events } = await streamChat(proxy.url, { message: 'hello', thread_id: null });
  expect(status).toBe(200);
  expect(events.at(-1)?.type).toBe('done');
  const threadId = threadIdOf(events);
  expect(remembered).toHaveLength(1);
  expect(remembered[0]!.entry).toMatchObject({ thread_id: threadId, conversation_id: expect.stringMatching(/^conv_/) });
  expect(remembered[0]!.responsesRequestsSoFar).toBe(1);

  // A later turn on the same thread indexes nothing again.
  await streamChat(proxy.url, { message: 'more', thread_id: threadId });
  expect(remembered).toHaveLength(1);
});

test('a turn whose answer fails still indexes the conversation it created', async () => {
  openai.failNext('responses.create', { status: 500 }, 1);
  const { events } = await streamChat(proxy.url, { message: 'hello', thread_id: null });
  expect(events.some((e) => e.type === 'error')).toBe(true);
  expect(events.at(-1)?.type).toBe('done');
  expect(remembered).toHaveLength(1);
  expect(remembered[0]!.entry.thread_id).toBe(threadIdOf(events));
});

test('a shopper who leaves before the first text still gets the conversation indexed', async () => {
  openai.enqueue({ kind: 'hang', ms: 20_000 });
  const controller = new AbortController();
  const pending = streamChat(proxy.url, { message: 'hello', thread_id: null }, { signal: controller.signal }).catch(() => null);
  const deadline = Date.now() + 5000;
  while (openai.openStreams() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(remembered).toHaveLength(0);
  controller.abort();
  await pending;
  while (remembered.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(remembered).toHaveLength(1);
});
