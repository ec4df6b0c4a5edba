import type { ChatEvent } from '../../proxy/src/contract/events';
import { startChatWorld, type ChatWorld } from '../chat/setup';
import { streamChat, textOf } from '../helpers/proxy';
import { startRedis, type RedisServer } from '../helpers/redis';
import { waitFor } from './sse';

/**
 * Redis goes away in the middle of a steady chat load and comes back: the proxy
 * does not crash or leak an unhandled rejection, requests that need the shared
 * store fail with a clear retryable error, health says degraded, and everything
 * recovers by itself.
 */
let redis: RedisServer;
let world: ChatWorld;
let proxy: ChatWorld['proxy'];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  redis = await startRedis();
  world = await startChatWorld({ env: { REDIS_URL: redis.url }, openai: { tokenDelayMs: 2 } });
  proxy = world.proxy;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await world?.close();
  await redis?.stop();
});

interface Outcome {
  at: number;
  status: number;
  ok: boolean;
  error?: Extract<ChatEvent, { type: 'error' }>;
  body?: string;
}

async function health(): Promise<{ status: number; body: { status: string; store: { ok: boolean } } }> {
  const res = await fetch(`${proxy.url}/api/health`);
  return { status: res.status, body: (await res.json()) as { status: string; store: { ok: boolean } } };
}

test('Redis stops mid-load and comes back: clear errors, degraded health, recovery, no crash', async () => {
  const outcomes: Outcome[] = [];
  const started = Date.now();
  let running = true;
  const worker = async () => {
    while (running) {
      const { status, events, raw } = await streamChat(proxy.url, { message: 'hello there', thread_id: null });
      const error = events.find((e): e is Extract<ChatEvent, { type: 'error' }> => e.type === 'error');
      outcomes.push({
        at: Date.now() - started,
        status,
        ok: status === 200 && events.at(-1)?.type === 'done' && !error && textOf(events).length > 0,
        ...(error ? { error } : {}),
        ...(status !== 200 ? { body: raw } : {}),
      });
    }
  };
  const workers = Array.from({ length: 6 }, () => worker());

  await new Promise((r) => setTimeout(r, 800));
  expect((await health()).body.status).toBe('healthy');
  const stoppedAt = Date.now() - started;
  await redis.stop();
  await new Promise((r) => setTimeout(r, 1500));
  const down = await health();
  expect(down.body.status).toBe('degraded');
  expect(down.body.store.ok).toBe(false);
  await redis.restart();
  const restartedAt = Date.now() - started;
  // Recovery by itself: ioredis reconnects; health and chat come back.
  expect(await waitFor(() => outcomes.some((o) => o.at > restartedAt && o.ok), 8000, 50)).toBe(true);
  await new Promise((r) => setTimeout(r, 500));
  running = false;
  await Promise.all(workers);
  expect((await health()).body.status).toBe('healthy');

  expect(unhandled).toEqual([]);
  // No request ever got a 5xx page or a generic "internal" error.
  expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);
  const failures = outcomes.filter((o) => !o.ok);
  expect(failures.length).toBeGreaterThan(0);
  for (const failure of failures) {
    expect(failure.at).toBeGreaterThanOrEqual(stoppedAt);
    // One code for the same outage, whether it ends a stream or a JSON request.
    if (failure.error) {
      expect(failure.error).toMatchObject({ code: 'store_unavailable', retryable: true });
      expect(failure.error.message).toMatch(/storage is unavailable/);
    } else {
      expect(failure.status).toBe(503);
      expect(JSON.parse(failure.body!)).toMatchObject({ error: { code: 'store_unavailable' } });
    }
  }
  expect(outcomes.filter((o) => o.at < stoppedAt).every((o) => o.ok)).toBe(true);
}, 40_000);
