import { createClientIpResolver } from '../../proxy/src/guard/client-ip';
import { createRateLimiter } from '../../proxy/src/guard/rate-limit';
import { createRedisStore } from '../../proxy/src/store/redis';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { mintSessionToken } from '../helpers/session';
import { startRedis, type RedisServer } from '../helpers/redis';
import { startGuardedProxy, type GuardedProxy } from './guarded';
import { fakeOpenAIKey } from '../helpers/keys';

const KEY = fakeOpenAIKey('ratelimit');
const SECRET = 'rate-limit-connection-secret-0123456789abcdef';
const SITE = 'shop.example';

const fakeReq = (remoteAddress: string, xff?: string) =>
  ({ socket: { remoteAddress }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as never;

describe('client IP behind proxies', () => {
  test('X-Forwarded-For is ignored unless the peer is a trusted proxy', () => {
    const resolve = createClientIpResolver({ trustedProxies: ['10.0.0.0/8', 'loopback'] });
    expect(resolve(fakeReq('203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9');
    expect(resolve(fakeReq('::ffff:127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    // A shopper cannot pick their address by prepending to the header: the right-most untrusted hop wins.
    expect(resolve(fakeReq('10.1.2.3', '6.6.6.6, 198.51.100.7, 10.0.0.5'))).toBe('198.51.100.7');
    expect(resolve(fakeReq('10.1.2.3', 'garbage, 198.51.100.7'))).toBe('198.51.100.7');
    expect(resolve(fakeReq('10.1.2.3', 'not-an-ip'))).toBe('10.1.2.3');
    expect(createClientIpResolver()(fakeReq('127.0.0.1', '1.1.1.1'))).toBe('127.0.0.1');
  });
  test('a bad trusted-proxy entry is a configuration error', () => {
    expect(() => createClientIpResolver({ trustedProxies: ['10.0.0.0/99'] })).toThrow(/CIDR/);
    expect(() => createClientIpResolver({ trustedProxies: ['proxy.example'] })).toThrow(/CIDR/);
  });
});

describe('chat rate limits (429 before any stream opens)', () => {
  let openai: FakeOpenAI;
  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: KEY });
  });
  afterAll(async () => openai?.close());

  const env = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.baseURL, AISLE_DEMO: 'on' });
  const post = (proxy: GuardedProxy, headers: Record<string, string> = {}) =>
    fetch(`${proxy.url}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ message: 'hello', thread_id: null }),
    }).then(async (res) => ({
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      type: res.headers.get('content-type'),
      body: await res.text(),
    }));

  test('per IP, honouring X-Forwarded-For only from a trusted proxy', async () => {
    const proxy = await startGuardedProxy(env(), { ratePerMinute: { ip: 3, session: 0, store: 0 }, trustedProxies: 'loopback' });
    try {
      for (let i = 0; i < 3; i++) expect((await post(proxy, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
      const limited = await post(proxy, { 'x-forwarded-for': '198.51.100.1' });
      expect(limited.status).toBe(429);
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(limited.type).toMatch(/^application\/json/);
      const body = JSON.parse(limited.body) as { error: { code: string; message: string; retry_after: number } };
      expect(body.error).toMatchObject({ code: 'rate_limited', retry_after: Number(limited.retryAfter) });
      expect(body.error.message).toMatch(/too quickly/);
      // Another client behind the same trusted proxy has its own budget.
      expect((await post(proxy, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  test('an untrusted peer cannot dodge the IP limit with X-Forwarded-For', async () => {
    const proxy = await startGuardedProxy(env(), { ratePerMinute: { ip: 2, session: 0, store: 0 } });
    try {
      expect((await post(proxy, { 'x-forwarded-for': '1.1.1.1' })).status).toBe(200);
      expect((await post(proxy, { 'x-forwarded-for': '2.2.2.2' })).status).toBe(200);
      expect((await post(proxy, { 'x-forwarded-for': '3.3.3.3' })).status).toBe(429);
    } finally {
      await proxy.close();
    }
  });

  test('per shopper session and per store', async () => {
    const proxy = await startGuardedProxy(
      { ...env(), AISLE_CONNECTION_SECRET: SECRET, AISLE_SITE_ID: SITE },
      { ratePerMinute: { ip: 0, session: 2, store: 3 } },
    );
    const auth = (sid: string) => ({ authorization: `Bearer ${mintSessionToken(SECRET, SITE, sid)}` });
    try {
      expect((await post(proxy, auth('a:alice-session-0001'))).status).toBe(200);
      expect((await post(proxy, auth('a:alice-session-0001'))).status).toBe(200);
      const alice = await post(proxy, auth('a:alice-session-0001'));
      expect(alice.status).toBe(429);
      expect(alice.body).toMatch(/too quickly/);
      // Bob is fine until the whole store's budget (3) is spent.
      expect((await post(proxy, auth('a:bob-session-00000001'))).status).toBe(200);
      const store = await post(proxy, auth('a:carol-session-000001'));
      expect(store.status).toBe(429);
      expect(store.body).toMatch(/very busy/);
    } finally {
      await proxy.close();
    }
  });
});

describe('limits shared through Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis?.stop());

  test('two instances count against one budget; the insurance limiter takes over when Redis is gone', async () => {
    const a = createRedisStore({ url: redis.url });
    const b = createRedisStore({ url: redis.url });
    await Promise.all([a.ping(), b.ping()]);
    const prefix = `rl-test-${Date.now()}`;
    const options = (client: typeof a.client) => ({
      perIp: { points: 4, durationS: 60 },
      perSession: { points: 0, durationS: 60 },
      perStore: { points: 0, durationS: 60 },
      clientIp: () => '192.0.2.10',
      redis: client,
      keyPrefix: prefix,
    });
    const limitA = createRateLimiter(options(a.client));
    const limitB = createRateLimiter(options(b.client));
    const subject = { owner: 'anonymous', tenant: 'default' };
    const req = {} as never;
    try {
      await limitA(req, subject);
      await limitB(req, subject);
      await limitA(req, subject);
      await limitB(req, subject);
      await expect(limitA(req, subject)).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
      await expect(limitB(req, subject)).rejects.toMatchObject({ status: 429 });

      await redis.stop();
      // Redis is gone: the in-memory insurance limiter keeps limiting, without throwing anything else.
      const insured = createRateLimiter({ ...options(a.client), keyPrefix: `rl-insured-${Date.now()}` });
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          insured(req, subject).then(
            () => 'ok',
            (e: { status?: number }) => e.status,
          ),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(4);
      expect(results.filter((r) => r === 429)).toHaveLength(2);
    } finally {
      await redis.restart();
      await a.close();
      await b.close();
    }
  });
});
