import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { startProxy, streamChat, textOf, type RunningProxy } from '../helpers/proxy';
import { startRedis, type RedisServer } from '../helpers/redis';
import { fakeOpenAIKey } from '../helpers/keys';

const KEY = fakeOpenAIKey('headers');
let openai: FakeOpenAI;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => openai?.close());

describe('security headers (helmet) on every route but the stream', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.baseURL, AISLE_DEMO: 'on' });
  });
  afterAll(async () => proxy?.close());

  test('JSON API answers load nothing and cannot be framed', async () => {
    for (const path of ['/api/health', '/openapi.json', '/api/nope']) {
      const res = await fetch(`${proxy.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  test('/docs and /redoc may run their own local scripts and nothing from elsewhere', async () => {
    for (const path of ['/docs', '/redoc']) {
      const res = await fetch(`${proxy.url}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).not.toMatch(/script-src[^;]*(unsafe-eval|\*|https:)/);
      const html = await res.text();
      for (const [, src] of html.matchAll(/<script src="([^"]+)"/g)) {
        expect(src!.startsWith('/')).toBe(true);
        expect((await fetch(`${proxy.url}${src}`)).status).toBe(200);
      }
    }
  });

  test('the widget bundle and demo images may be loaded by store pages on other origins', async () => {
    const res = await fetch(`${proxy.url}/demo`);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('the SSE stream is left to its own headers', async () => {
    const { headers, events } = await streamChat(proxy.url, { message: 'hello', thread_id: null });
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(headers.get('content-security-policy')).toBeNull();
    expect(events.at(-1)?.type).toBe('done');
  });
});

describe('two proxy instances on one Redis', () => {
  let redis: RedisServer;
  let one: RunningProxy;
  let two: RunningProxy;
  beforeAll(async () => {
    redis = await startRedis();
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.baseURL, AISLE_DEMO: 'on', REDIS_URL: redis.url };
    one = await startProxy(env);
    two = await startProxy(env);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await redis?.stop();
  });

  test('a thread started on one continues on the other, with its history', async () => {
    openai.reset();
    const first = await streamChat(one.url, { message: 'hello', thread_id: null });
    const threadId = (first.events[0] as { thread_id: string }).thread_id;
    const second = await streamChat(two.url, { message: 'and again', thread_id: threadId });
    expect(second.events[0]).toEqual({ type: 'thread_id', thread_id: threadId });
    expect(textOf(second.events).length).toBeGreaterThan(0);
    const turns = openai.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/responses')
      .map((r) => (r.body as { conversation: string }).conversation);
    expect(turns).toHaveLength(2);
    expect(turns[0]).toBe(turns[1]);
    const history = (await (await fetch(`${two.url}/api/chat/history?thread_id=${threadId}`)).json()) as { messages: unknown[] };
    expect(history.messages).toHaveLength(4);
  });
});
