import { createThreadRepository } from '../../proxy/src/chat/threads';
import { createRetentionJob, scheduleRetention } from '../../proxy/src/maintenance/retention';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { streamChat } from '../helpers/proxy';
import { startGuardedProxy, type GuardedProxy } from './guarded';
import { fakeOpenAIKey } from '../helpers/keys';

/** Conversations older than AISLE_THREAD_TTL_DAYS are forgotten: our mapping and the OpenAI Conversation. */
const KEY = fakeOpenAIKey('retention');
const DAY = 86_400_000;

let openai: FakeOpenAI;
let proxy: GuardedProxy;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY });
  proxy = await startGuardedProxy(
    { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.baseURL, AISLE_DEMO: 'on', AISLE_THREAD_TTL_DAYS: '30' },
    { ratePerMinute: { ip: 0, session: 0, store: 0 } },
  );
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});

const newThread = async () => {
  const { events } = await streamChat(proxy.url, { message: 'hello', thread_id: null });
  return (events[0] as { thread_id: string }).thread_id;
};
const history = (threadId: string) => fetch(`${proxy.url}/api/chat/history?thread_id=${threadId}`).then((r) => r.status);

test('thread mappings expire by themselves after the retention period', async () => {
  const threadId = await newThread();
  const ttl = await proxy.base.aisle.store.ttl(`thread:${threadId}`);
  expect(ttl).toBeGreaterThan(29 * DAY);
  expect(ttl).toBeLessThanOrEqual(30 * DAY);
});

test('the job forgets old conversations here and upstream, keeps young ones, and retries failed deletes', async () => {
  const { store, logger, runtimes } = proxy.base.aisle;
  const threads = createThreadRepository({ store, ttlDays: 30 });
  const [a, b] = [await newThread(), await newThread()];
  const conversations = () => [...openai.state.conversations.keys()];
  const before = conversations();
  expect(before.length).toBeGreaterThanOrEqual(2);
  expect(await history(a)).toBe(200);

  const jobAt = (offsetDays: number) =>
    createRetentionJob({
      index: proxy.guards.conversationIndex,
      removeThread: (id) => threads.remove(id),
      openaiFor: async (tenant) => (await runtimes.forTenant(tenant)).openai,
      ttlDays: 30,
      logger,
      now: () => Date.now() + offsetDays * DAY,
    });

  // Ten days on: nothing is old enough.
  expect(await jobAt(10)()).toMatchObject({ forgotten: 0, failed: 0 });
  expect(conversations()).toEqual(before);

  // 31 days on, with one upstream delete failing: that one stays for the next run.
  // Twice: the SDK retries once.
  openai.failNext('conversations.delete', { status: 500 }, 2);
  const first = await jobAt(31)();
  expect(first.failed).toBe(1);
  expect(first.forgotten).toBe(first.checked - 1);
  const second = await jobAt(31)();
  expect(second).toMatchObject({ checked: 1, forgotten: 1, failed: 0 });

  expect(conversations()).toEqual([]);
  expect(await history(a)).toBe(404);
  expect(await history(b)).toBe(404);
  expect(await proxy.guards.conversationIndex.list()).toEqual([]);
  expect(openai.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/conversations/')).length).toBe(
    before.length + 2,
  );
});

test('the schedule runs on one instance at a time', async () => {
  const { store, logger } = proxy.base.aisle;
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const run = async () => {
    runs++;
    await gate;
    return { checked: 0, forgotten: 0, failed: 0 };
  };
  const one = scheduleRetention({ run, store, intervalMs: 3_600_000, logger });
  const two = scheduleRetention({ run, store, intervalMs: 3_600_000, logger });
  const first = one.runNow();
  expect(await two.runNow()).toBeNull();
  release();
  expect(await first).toEqual({ checked: 0, forgotten: 0, failed: 0 });
  expect(runs).toBe(1);
  one.stop();
  two.stop();
});
