/**
 * The owner's insights end to end: scripted conversations through the real chat stream (fake
 * OpenAI) and widget event batches, on two proxy instances sharing one real Redis. Every number
 * the signed insights route returns is checked against what was sent.
 */
import { signAdminRequest } from '../../proxy/src/admin/signature';
import { DEFAULT_MODEL } from '../../proxy/src/config/schema';
import type { ChatEvent } from '../../proxy/src/contract/events';
import { dayOf } from '../../proxy/src/insights/days';
import { PRICE_TABLE, PRICES_TAKEN } from '../../proxy/src/insights/prices';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, streamChat, type RunningProxy } from '../helpers/proxy';
import { startRedis, type RedisServer } from '../helpers/redis';
import { mintSessionToken } from '../helpers/session';

const SECRET = 'insights-store-secret-0123456789abcdefghij';
const SITE = 'shop.example';
const KEY = fakeOpenAIKey('insights');

let redis: RedisServer;
let openai: FakeOpenAI;
let a: RunningProxy;
let b: RunningProxy;
let n = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked field by field below.
type Json = Record<string, any>;

async function insights(proxy: RunningProxy, query: string): Promise<{ status: number; body: Json }> {
  const path = `/api/admin/insights${query}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const nonce = `insights-${Date.now()}-${++n}`.padEnd(20, 'x');
  const res = await fetch(`${proxy.url}${path}`, {
    headers: {
      'x-aisle-site': SITE,
      'x-aisle-timestamp': String(timestamp),
      'x-aisle-nonce': nonce,
      'x-aisle-signature': signAdminRequest({ method: 'GET', path, timestamp, nonce, site: SITE, body: '' }, SECRET),
    },
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const session = (sid: string) => ({ authorization: `Bearer ${mintSessionToken(SECRET, SITE, `a:insights-${sid}`)}` });

async function say(proxy: RunningProxy, sid: string, message: string, threadId: string | null): Promise<ChatEvent[]> {
  const res = await streamChat(proxy.url, { message, thread_id: threadId }, { headers: session(sid) });
  expect(res.status).toBe(200);
  expect(res.events.some((e) => e.type === 'error')).toBe(false);
  return res.events;
}

async function events(proxy: RunningProxy, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${proxy.url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return res.status;
}

const showProducts = (ids: number[]) => ({
  kind: 'function_call' as const,
  name: 'show_products',
  arguments: JSON.stringify({ product_ids: ids }),
});

beforeAll(async () => {
  redis = await startRedis();
  openai = await startFakeOpenAI({ apiKey: KEY });
  const env = {
    REDIS_URL: redis.url,
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
    AISLE_DEMO: 'on',
    AISLE_RETENTION_INTERVAL_MIN: '0',
  };
  a = await startProxy(env);
  b = await startProxy(env);
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await openai?.close();
  await redis?.stop();
});

test('conversations, messages, cards, widget events, tokens and cost add up across two instances', async () => {
  // Shopper 1 on instance A: a new conversation with two cards, then a follow-up in the same thread.
  openai.enqueue(showProducts([101, 102]), { kind: 'text', text: 'Here are two foods.' });
  const first = await say(a, 'one', 'אני מחפש מזון לכלבים, הטלפון שלי 0541234567', null);
  const thread = first.find((e) => e.type === 'thread_id');
  expect(thread).toMatchObject({ new_thread: true });
  expect(
    first.filter((e) => e.type === 'products').flatMap((e) => (e.type === 'products' ? e.data.map((c) => c.id) : [])),
  ).toEqual([101, 102]);
  openai.enqueue({ kind: 'text', text: 'Large dogs like the first one.' });
  await say(a, 'one', 'כלבים גדולים', thread!.type === 'thread_id' ? thread!.thread_id : null);
  // Shoppers 2 and 3 on instance B.
  openai.enqueue(showProducts([107]), { kind: 'text', text: 'A ball.' });
  await say(b, 'two', 'dog toys', null);
  openai.enqueue({ kind: 'text', text: 'Toys are on the shelf.' });
  await say(b, 'three', 'toys for my dog', null);

  // Widget events: a batch and a single event with sessions, and some without a valid session.
  expect(
    await events(
      a,
      {
        events: [
          { type: 'open' },
          { type: 'message_sent', thread_id: 't1' },
          { type: 'card_click', product_id: 101 },
          { type: 'card_click', product_id: 101 },
          { type: 'variation_chosen', product_id: 102 },
          { type: 'add_to_cart', product_id: 102, thread_id: 't1' },
          { type: 'handoff' },
          { type: 'feedback', rating: 'up' },
        ],
      },
      session('one'),
    ),
  ).toBe(204);
  expect(await events(b, { type: 'add_to_cart', product_id: 107 }, session('two'))).toBe(204);
  expect(await events(b, { events: [{ type: 'feedback', rating: 'down' }, { type: 'open' }] }, session('three'))).toBe(204);
  // Without a session, or with a forged one: counted in /metrics only, never for the store.
  expect(await events(a, { events: [{ type: 'open' }, { type: 'add_to_cart', product_id: 999 }] })).toBe(204);
  expect(await events(a, { type: 'open' }, { authorization: 'Bearer forged.token' })).toBe(204);
  expect(await events(a, { events: [] }, session('one'))).toBe(400);
  expect(await events(a, { events: Array.from({ length: 51 }, () => ({ type: 'open' })) }, session('one'))).toBe(400);
  expect(await events(a, { type: 'open', text: 'hello' }, session('one'))).toBe(400);

  await Promise.all([a.aisle.insights.recorder.flush(), b.aisle.insights.recorder.flush()]);

  // What the fake OpenAI reported, response by response.
  const usages = [...openai.state.responses.values()].map((r) => r.usage as { input_tokens: number; output_tokens: number });
  expect(usages.length).toBe(6);
  const tokensIn = usages.reduce((s, u) => s + u.input_tokens, 0);
  const tokensOut = usages.reduce((s, u) => s + u.output_tokens, 0);
  expect(tokensIn).toBeGreaterThan(0);
  const price = PRICE_TABLE[DEFAULT_MODEL]!;
  const cost = Math.round(((tokensIn * price.input + tokensOut * price.output) / 1e6) * 1e6) / 1e6;

  const today = dayOf(Date.now());
  const expected = {
    conversations: 3,
    messages: 4,
    widget_opens: 2,
    widget_messages: 1,
    products_shown: 3,
    products_clicked: 2,
    products_added: 2,
    variations_chosen: 1,
    handoffs: 1,
    feedback_up: 1,
    feedback_down: 1,
    tokens_in: tokensIn,
    tokens_out: tokensOut,
    cost_usd: cost,
    models: { [DEFAULT_MODEL]: { tokens_in: tokensIn, tokens_out: tokensOut, cost_usd: cost } },
  };
  const fromA = await insights(a, `?from=${today}&to=${today}`);
  const fromB = await insights(b, `?from=${today}&to=${today}`);
  expect(fromA.status).toBe(200);
  expect(fromB.body).toEqual(fromA.body);
  const report = fromA.body;
  expect(report).toEqual({
    site: SITE,
    from: today,
    to: today,
    timezone: 'UTC',
    retention_days: 400,
    days: [{ date: today, ...expected }],
    totals: expected,
    top_products: {
      shown: [
        { product_id: 101, count: 1 },
        { product_id: 102, count: 1 },
        { product_id: 107, count: 1 },
      ],
      clicked: [{ product_id: 101, count: 2 }],
      added: [
        { product_id: 102, count: 1 },
        { product_id: 107, count: 1 },
      ],
    },
    // Ties in the order of the words (Latin before Hebrew); the comma ends a phrase.
    top_terms: [
      { term: 'dog', count: 2 },
      { term: 'toys', count: 2 },
      { term: 'כלבים', count: 2 },
      { term: 'גדולים', count: 1 },
      { term: 'הטלפון', count: 1 },
      { term: 'מזון', count: 1 },
    ],
    top_phrases: [
      { term: 'dog toys', count: 1 },
      { term: 'כלבים גדולים', count: 1 },
      { term: 'מזון כלבים', count: 1 },
    ],
    prices: {
      taken: PRICES_TAKEN,
      currency: 'USD',
      unit: 'per 1M tokens',
      models: { [DEFAULT_MODEL]: price },
      unpriced_models: [],
    },
  });

  // A longer range: the earlier days are there, all zero; the totals do not change.
  const earlier = dayOf(Date.now() - 2 * 86_400_000);
  const range = await insights(b, `?from=${earlier}&to=${today}`);
  expect(range.body.days.map((d: Json) => d.date)).toHaveLength(3);
  expect(range.body.days[0]).toMatchObject({ date: earlier, conversations: 0, messages: 0, tokens_in: 0, cost_usd: 0 });
  expect(range.body.totals).toEqual(expected);

  // Kept in Redis for the retention period, and no phone number or message text was kept.
  const keys = await a.aisle.store.keys(`insights:${SITE}:${today}:`);
  expect(keys.sort()).toEqual(['n', 'pa', 'pc', 'ph', 'ps', 't', 'tok'].map((s) => `insights:${SITE}:${today}:${s}`));
  for (const key of keys) {
    const ttl = (await a.aisle.store.ttl(key))!;
    expect(ttl).toBeGreaterThan(399 * 86_400_000);
    const members = (await a.aisle.store.zTop(key)).map((m) => m.member);
    expect(members.join(' ')).not.toMatch(/0541234567|אני מחפש/);
  }
});

test('a bad range is a 400 with a clear message; the default range is the last 30 days', async () => {
  const cases: Array<[string, RegExp]> = [
    ['?from=2026-02-30&to=2026-03-01', /not a calendar date/],
    ['?from=yesterday', /YYYY-MM-DD/],
    ['?from=2026-03-02&to=2026-03-01', /after/],
    ['?from=2025-01-01&to=2026-03-01', /at most 366/],
    ['?from=2999-01-01&to=2999-01-02', /future/],
  ];
  for (const [query, message] of cases) {
    const res = await insights(a, query);
    expect({ query, status: res.status }).toEqual({ query, status: 400 });
    expect(res.body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
  }
  const all = await insights(a, '');
  expect(all.status).toBe(200);
  expect(all.body.days).toHaveLength(30);
  expect(all.body.to).toBe(dayOf(Date.now()));
});

test('an unsigned request is refused', async () => {
  const res = await fetch(`${a.url}/api/admin/insights`);
  expect(res.status).toBe(401);
});
