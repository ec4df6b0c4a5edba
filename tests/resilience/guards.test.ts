import type { ChatEvent } from '../../proxy/src/contract/events';
import { startFakeOpenAI, MODERATION_FLAG_MARKER } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { streamChat, textOf } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';
import { startGuardedProxy, type GuardedProxy } from './guarded';
import { streamTimed, waitFor } from './sse';
import { fakeOpenAIKey } from '../helpers/keys';

const KEY = fakeOpenAIKey('guards');
const SECRET = 'guards-connection-secret-0123456789abcdef';
const SITE = 'shop.example';
const DOG_FOOD = 'מזון לכלבים';

let openai: FakeOpenAI;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [] });
});
afterAll(async () => openai?.close());
beforeEach(() => openai.reset());

const env = (extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: openai.baseURL,
  AISLE_DEMO: 'on',
  ...extra,
});
const responsesCalls = () => openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length;
const products = (events: ChatEvent[]) =>
  events.filter((e): e is Extract<ChatEvent, { type: 'products' }> => e.type === 'products');

describe('daily spend guard', () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxy(env(), { dailyTokenCap: 50, ratePerMinute: { ip: 0, session: 0, store: 0 } });
  });
  afterAll(async () => proxy?.close());

  test('usage is counted; past the cap new chats rest politely with catalog results, and health says so', async () => {
    const first = await streamChat(proxy.url, { message: 'hello', thread_id: null });
    expect(first.events.at(-1)?.type).toBe('done');
    const status = await proxy.guards.spend.spendStatus('default');
    expect(status.tokens_used).toBeGreaterThan(0);
    // Spend up to the cap.
    while (!(await proxy.guards.spend.spendStatus('default')).exhausted)
      await streamChat(proxy.url, { message: 'hello again', thread_id: null });
    const calls = responsesCalls();

    const resting = await streamChat(proxy.url, { message: DOG_FOOD, thread_id: null });
    expect(resting.events[0]?.type).toBe('thread_id');
    expect(textOf(resting.events)).toMatch(/נח להיום/);
    expect(products(resting.events)[0]?.data.length).toBeGreaterThan(0);
    expect(resting.events.at(-1)?.type).toBe('done');
    expect(responsesCalls()).toBe(calls);
    const english = await streamChat(proxy.url, { message: 'dog food', thread_id: null });
    expect(textOf(english.events)).toMatch(/resting for today/);

    const health = (await (await fetch(`${proxy.url}/api/health`)).json()) as {
      status: string;
      problems: string[];
      spend: { exhausted: boolean; daily_cap: number; tokens_used: number };
    };
    expect(health.spend).toMatchObject({ exhausted: true, daily_cap: 50 });
    expect(health.spend.tokens_used).toBeGreaterThanOrEqual(50);
    expect(health.problems).toEqual(expect.arrayContaining([expect.stringMatching(/daily token budget is spent/)]));
    // The demo has no WooCommerce variables, so health is `not_ready` before it could be `degraded`.
    expect(health.status).not.toBe('healthy');
  });
});

describe('input limits', () => {
  test('turns per thread: 409 conversation_too_long before a stream opens', async () => {
    const proxy = await startGuardedProxy(
      env(),
      { ratePerMinute: { ip: 0, session: 0, store: 0 } },
      { limits: { maxTurnsPerThread: 2 } },
    );
    try {
      const one = await streamChat(proxy.url, { message: 'hello', thread_id: null });
      const threadId = (one.events[0] as { thread_id: string }).thread_id;
      expect((await streamChat(proxy.url, { message: 'again', thread_id: threadId })).status).toBe(200);
      const third = await streamChat(proxy.url, { message: 'and again', thread_id: threadId });
      expect(third.status).toBe(409);
      expect(JSON.parse(third.raw)).toMatchObject({ error: { code: 'conversation_too_long' } });
      // A new thread is fine.
      expect((await streamChat(proxy.url, { message: 'fresh start', thread_id: null })).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  test('concurrent streams per session: 429 too_many_streams, and the slot frees when a stream ends', async () => {
    const proxy = await startGuardedProxy(
      env({ AISLE_CONNECTION_SECRET: SECRET, AISLE_SITE_ID: SITE }),
      { ratePerMinute: { ip: 0, session: 0, store: 0 } },
      { limits: { maxStreamsPerSession: 2 } },
    );
    const headers = { authorization: `Bearer ${mintSessionToken(SECRET, SITE, 'a:streams-session-0001')}` };
    const other = { authorization: `Bearer ${mintSessionToken(SECRET, SITE, 'a:streams-session-0002')}` };
    try {
      openai.enqueue({ kind: 'hang', ms: 1500 }, { kind: 'hang', ms: 1500 });
      const running = [
        streamTimed(proxy.url, { message: 'one', thread_id: null }, { headers }),
        streamTimed(proxy.url, { message: 'two', thread_id: null }, { headers }),
      ];
      expect(await waitFor(() => openai.openStreams() === 2, 3000)).toBe(true);
      const third = await streamChat(proxy.url, { message: 'three', thread_id: null }, { headers });
      expect(third.status).toBe(429);
      expect(JSON.parse(third.raw)).toMatchObject({ error: { code: 'too_many_streams', retry_after: 1 } });
      // Another shopper is not affected.
      expect((await streamChat(proxy.url, { message: 'hi', thread_id: null }, { headers: other })).status).toBe(200);
      await Promise.all(running);
      expect((await streamChat(proxy.url, { message: 'four', thread_id: null }, { headers })).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });
});

describe('moderation (optional)', () => {
  test('a flagged message gets a polite refusal and no model answer', async () => {
    const proxy = await startGuardedProxy(env(), { moderation: true, ratePerMinute: { ip: 0, session: 0, store: 0 } });
    try {
      const flagged = await streamChat(proxy.url, { message: `please ${MODERATION_FLAG_MARKER} now`, thread_id: null });
      expect(textOf(flagged.events)).toMatch(/can't help with that/);
      expect(flagged.events.at(-1)?.type).toBe('done');
      expect(responsesCalls()).toBe(0);
      expect(openai.requests.some((r) => r.path === '/v1/moderations')).toBe(true);
      const fine = await streamChat(proxy.url, { message: 'hello', thread_id: null });
      expect(textOf(fine.events)).toMatch(/Hello/);
      expect(responsesCalls()).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  test('off by default: no moderation call', async () => {
    const proxy = await startGuardedProxy(env(), { ratePerMinute: { ip: 0, session: 0, store: 0 } });
    try {
      await streamChat(proxy.url, { message: `please ${MODERATION_FLAG_MARKER} now`, thread_id: null });
      expect(openai.requests.some((r) => r.path === '/v1/moderations')).toBe(false);
      expect(responsesCalls()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
