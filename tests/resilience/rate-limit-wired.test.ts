/** The rate limits as the composed proxy applies them (the guard itself is tested in rate-limit.test.ts). */
import { startRedis, type RedisServer } from '../helpers/redis';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';

const body = JSON.stringify({ message: 'שלום', thread_id: null });
const chat = (url: string) => fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('per-IP rate limit in the running proxy', () => {
  let redis: RedisServer;
  let a: RunningProxy;
  let b: RunningProxy;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startProxy({ REDIS_URL: redis.url, AISLE_RATE_IP_PER_MIN: '3' });
    b = await startProxy({ REDIS_URL: redis.url, AISLE_RATE_IP_PER_MIN: '3' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  test('is shared by two instances on one Redis and answers 429 with Retry-After', async () => {
    const statuses = [];
    for (const url of [a.url, b.url, a.url]) statuses.push((await chat(url)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await chat(b.url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const json = (await refused.json()) as { error: { code: string; retry_after: number } };
    expect(json.error.code).toBe('rate_limited');
    expect(json.error.retry_after).toBeGreaterThan(0);
  });
});

describe('per-session and per-store limits and trusted proxies, from the environment', () => {
  const SECRET = 'rate-wired-connection-secret-0123456789abcd';
  const SITE = 'shop.example';
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  const post = (url: string, headers: Record<string, string>) =>
    fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const asSession = (sid: string, ip: string) => ({
    authorization: `Bearer ${mintSessionToken(SECRET, SITE, sid)}`,
    'x-forwarded-for': ip,
  });

  test('AISLE_TRUSTED_PROXIES: behind a trusted proxy, each forwarded client IP has its own per-IP budget', async () => {
    proxy = await startProxy({ AISLE_RATE_IP_PER_MIN: '2', AISLE_TRUSTED_PROXIES: 'loopback' });
    for (let i = 0; i < 2; i++) expect((await post(proxy.url, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await post(proxy.url, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    // Without the setting every request would count against 127.0.0.1, and this one would be refused too.
    expect((await post(proxy.url, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
  });

  test('AISLE_RATE_SESSION_PER_MIN: one shopper session is limited, another is not', async () => {
    proxy = await startProxy({
      AISLE_CONNECTION_SECRET: SECRET,
      AISLE_SITE_ID: SITE,
      AISLE_TRUSTED_PROXIES: 'loopback',
      AISLE_RATE_SESSION_PER_MIN: '2',
    });
    // A new IP per request, so only the session limit can refuse.
    for (let i = 0; i < 2; i++)
      expect((await post(proxy.url, asSession('a:session-one', `198.51.100.${10 + i}`))).status).toBe(200);
    const refused = await post(proxy.url, asSession('a:session-one', '198.51.100.20'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(proxy.url, asSession('a:session-two', '198.51.100.21'))).status).toBe(200);
  });

  test('AISLE_RATE_STORE_PER_MIN: all shoppers of a store together are limited', async () => {
    proxy = await startProxy({
      AISLE_CONNECTION_SECRET: SECRET,
      AISLE_SITE_ID: SITE,
      AISLE_TRUSTED_PROXIES: 'loopback',
      AISLE_RATE_STORE_PER_MIN: '3',
    });
    // Every request from another session and IP: only the store limit can refuse the fourth.
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post(proxy.url, asSession(`a:session-${i}`, `198.51.100.${30 + i}`))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
