/** The rate limits as the composed proxy applies them (the guard itself is tested in rate-limit.test.ts). */
import { startRedis, type RedisServer } from '../helpers/redis';
import { startProxy, type RunningProxy } from '../helpers/proxy';

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
