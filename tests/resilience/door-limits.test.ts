/**
 * The doors the chat-turn limits do not cover, as the composed proxy applies them from its
 * environment: widget events per IP and their body size, new shopper sessions per store (shared by
 * two instances on one Redis).
 */
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { startRedis, type RedisServer } from '../helpers/redis';
import { mintSessionToken } from '../helpers/session';

const SECRET = 'door-limits-connection-secret-0123456789abcd';
const SITE = 'shop.example';
const event = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const chatAs = (url: string, sid: string) =>
  fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${mintSessionToken(SECRET, SITE, sid)}` },
    body: JSON.stringify({ message: 'שלום', thread_id: null }),
  });

describe('POST /api/events', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ AISLE_DEMO: 'on', AISLE_EVENTS_RATE_IP_PER_MIN: '5' });
  });
  afterAll(async () => proxy?.close());

  test('a body above 16 KB gets 413 as JSON, without being read further', async () => {
    const big = JSON.stringify({ type: 'open', pad: 'x'.repeat(17_000) });
    const res = await event(proxy.url, big, { 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  test('AISLE_EVENTS_RATE_IP_PER_MIN: past the limit, 429 rate_limited with Retry-After', async () => {
    const statuses: number[] = [];
    // The 413 above counted too: 4 more fit in this minute.
    for (let i = 0; i < 4; i++) statuses.push((await event(proxy.url, '{"type":"open"}')).status);
    expect(statuses).toEqual([204, 204, 204, 204]);
    const refused = await event(proxy.url, '{"type":"open"}');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', retry_after: expect.any(Number) } });
    // Chat has its own budget: the events limit does not touch it.
    const chat = await fetch(`${proxy.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hello', thread_id: null }),
    });
    expect(chat.status).toBe(200);
  });
});

describe('AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN', () => {
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  test('counts sessions a store sees for the first time; known sessions keep chatting', async () => {
    proxy = await startProxy({
      AISLE_DEMO: 'on',
      AISLE_CONNECTION_SECRET: SECRET,
      AISLE_SITE_ID: SITE,
      AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN: '3',
    });
    for (const sid of ['a:door-session-000000001', 'a:door-session-000000002', 'a:door-session-000000003'])
      expect((await chatAs(proxy.url, sid)).status).toBe(200);
    const refused = await chatAs(proxy.url, 'a:door-session-000000004');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // A session the store already knows is not a new one.
    expect((await chatAs(proxy.url, 'a:door-session-000000002')).status).toBe(200);
    // The refused session is still new: it is refused again, not let in as "seen".
    expect((await chatAs(proxy.url, 'a:door-session-000000004')).status).toBe(429);
  });

  test('0 turns it off', async () => {
    proxy = await startProxy({
      AISLE_DEMO: 'on',
      AISLE_CONNECTION_SECRET: SECRET,
      AISLE_SITE_ID: SITE,
      AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN: '0',
    });
    for (let i = 0; i < 6; i++) expect((await chatAs(proxy.url, `a:door-off-session-00000000${i}`)).status).toBe(200);
  });

  describe('with Redis', () => {
    let redis: RedisServer;
    let a: RunningProxy;
    let b: RunningProxy;
    beforeAll(async () => {
      redis = await startRedis();
      const env = {
        AISLE_DEMO: 'on',
        REDIS_URL: redis.url,
        AISLE_CONNECTION_SECRET: SECRET,
        AISLE_SITE_ID: SITE,
        AISLE_RATE_NEW_SESSIONS_PER_STORE_PER_MIN: '2',
      };
      a = await startProxy(env);
      b = await startProxy(env);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await redis?.stop();
    });

    test('two instances share the count and the sessions they have seen', async () => {
      expect((await chatAs(a.url, 'a:redis-session-0000000001')).status).toBe(200);
      expect((await chatAs(b.url, 'a:redis-session-0000000002')).status).toBe(200);
      // Seen on instance a: not new on instance b either.
      expect((await chatAs(b.url, 'a:redis-session-0000000001')).status).toBe(200);
      expect((await chatAs(a.url, 'a:redis-session-0000000003')).status).toBe(429);
    });
  });
});
