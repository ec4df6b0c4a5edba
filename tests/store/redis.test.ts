import { createRedisStore } from '../../proxy/src/store/redis';
import { startRedis, type RedisServer } from '../helpers/redis';
import { storeContract } from './contract';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

storeContract('redis', async () => createRedisStore({ url: redis.url, keyPrefix: 'contract:' }));

test('two store instances on one Redis see the same data (several proxies)', async () => {
  const a = createRedisStore({ url: redis.url });
  const b = createRedisStore({ url: redis.url });
  await a.set('shared:thread', 'conv_9');
  expect(await b.get('shared:thread')).toBe('conv_9');
  expect(await a.setIfAbsent('shared:lock', 'a', 5000)).toBe(true);
  expect(await b.setIfAbsent('shared:lock', 'b', 5000)).toBe(false);
  await a.close();
  await b.close();
});

test('a command fails fast with an error while Redis is down, and the store recovers', async () => {
  const store = createRedisStore({ url: redis.url });
  await store.set('k', 'v');
  await redis.stop();
  const started = Date.now();
  await expect(store.get('k')).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(3000);
  expect(await store.ping()).toBe(false);
  await redis.restart();
  const deadline = Date.now() + 8000;
  let ok = false;
  while (!ok && Date.now() < deadline) {
    ok = await store.ping();
    if (!ok) await new Promise((r) => setTimeout(r, 100));
  }
  expect(ok).toBe(true);
  await store.set('k2', 'back');
  expect(await store.get('k2')).toBe('back');
  await store.close();
});
