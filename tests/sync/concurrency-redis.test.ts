import { startRedis, type RedisServer } from '../helpers/redis';
import { createRedisStore } from '../../proxy/src/store/redis';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createSyncQueue, startSyncWorker, SYNC_KEYS, type SyncJobQueue } from '../../proxy/src/sync';
import { startHarness, call, type Harness } from './harness';

let redis: RedisServer;
let store: KeyValueStore;
let h: Harness | undefined;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});
beforeEach(async () => {
  store = createRedisStore({ url: redis.url });
  for (const key of await store.keys('')) await store.del(key);
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await h?.close();
  h = undefined;
  await store.close();
});

async function twoAtOnce(harness: Harness) {
  const [a, b] = await Promise.all([
    call(harness, 'POST', '/api/sync'),
    new Promise((r) => setTimeout(r, 30)).then(() => call(harness, 'GET', '/api/sync')),
  ]);
  return [a, b].sort((x, y) => x.status - y.status);
}

test('two concurrent syncs on Redis (in-process): one succeeds, the other gets 409 with progress, one upload set', async () => {
  h = await startHarness({ products: 120, store, latencyMs: 40 });
  const [ok, busy] = await twoAtOnce(h);
  expect(ok!.status).toBe(200);
  expect(busy!.status).toBe(409);
  expect(busy!.body.error.code).toBe('sync_busy');
  expect(busy!.body.progress).toMatchObject({ sync_id: expect.any(String), phase: expect.any(String) });
  expect(h.uploads()).toBe(ok!.body.shards_total);
  expect(await store.get(SYNC_KEYS.lock)).toBeNull();
});

test('with a BullMQ queue and a worker, two proxy routers on one Redis never double-sync', async () => {
  const queue: SyncJobQueue = createSyncQueue({
    redisUrl: redis.url,
    waitTimeoutMs: 20_000,
    queueName: `sync-test-${Date.now()}`,
  });
  cleanups.push(() => queue.close());
  h = await startHarness({ products: 120, store, latencyMs: 40, queue });
  // The worker runs the proxy's own service (a separate `npm run sync:worker` process does the same).
  const worker = startSyncWorker({ redisUrl: redis.url, service: h.router.service, queueName: queue.name });
  cleanups.push(() => worker.close());
  const [ok, busy] = await twoAtOnce(h);
  expect(ok!.status).toBe(200);
  expect(ok!.body.status).toBe('success');
  expect(busy!.status).toBe(409);
  expect(h.uploads()).toBe(ok!.body.shards_total);
  const again = await call(h, 'POST', '/api/sync');
  expect(again.body).toMatchObject({ status: 'skipped', hash: ok!.body.hash });
  expect(await store.get(SYNC_KEYS.lock)).toBeNull();
});

test('a failing job through the queue comes back as the same clear error and releases the lock', async () => {
  const queue = createSyncQueue({ redisUrl: redis.url, waitTimeoutMs: 20_000, queueName: `sync-fail-${Date.now()}` });
  cleanups.push(() => queue.close());
  h = await startHarness({ products: 30, store, queue });
  const worker = startSyncWorker({ redisUrl: redis.url, service: h.router.service, queueName: queue.name });
  cleanups.push(() => worker.close());
  h.woo.failNext({ type: 'status', status: 401 });
  const res = await call(h, 'POST', '/api/sync');
  expect(res.status).toBe(502);
  expect(res.body.error.code).toBe('woocommerce_error');
  expect(await store.get(SYNC_KEYS.lock)).toBeNull();
  expect(await store.get(SYNC_KEYS.state)).toBeNull();
});
