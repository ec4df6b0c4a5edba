import net from 'node:net';
import type { ChatEvent } from '../../proxy/src/contract/events';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { streamTimed, typesOf, waitFor } from './sse';
import { fakeOpenAIKey } from '../helpers/keys';

/**
 * Every OpenAI failure the issue lists, caused for real against the fake: the
 * shopper gets an `error` event promptly that says whether to retry, with
 * fallback cards from the local catalog search first, and no socket stays open.
 * The demo catalog is the local catalog here (OpenAI configured, no WooCommerce).
 */
const KEY = fakeOpenAIKey('faults');
const DOG_FOOD = 'מזון לכלבים';
const TIMEOUT_MS = 1000;

let openai: FakeOpenAI;
let proxy: RunningProxy;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [] });
  proxy = await startProxy({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_DEMO: 'on',
    OPENAI_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  // Warm up (model check, search index) so timings measure the fault path only.
  await streamTimed(proxy.url, { message: DOG_FOOD, thread_id: null });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});
beforeEach(() => openai.reset());

type ErrorEvent = Extract<ChatEvent, { type: 'error' }>;

async function expectFault(expected: { retryable: boolean; code: ErrorEvent['code']; retryAfter?: number }, withinMs: number) {
  const { events } = await streamTimed(proxy.url, { message: DOG_FOOD, thread_id: null });
  const types = typesOf(events);
  expect(types[0]).toBe('thread_id');
  expect(types.at(-1)).toBe('done');
  const errorAt = types.indexOf('error');
  expect(errorAt).toBeGreaterThan(0);
  const error = events[errorAt]!.event as ErrorEvent;
  expect(error).toMatchObject({ code: expected.code, retryable: expected.retryable });
  expect(error.retry_after).toBe(expected.retryAfter);
  // Fallback cards from the local catalog come before the error.
  const productsAt = types.indexOf('products');
  expect(productsAt).toBeGreaterThan(0);
  expect(productsAt).toBeLessThan(errorAt);
  expect((events[productsAt]!.event as Extract<ChatEvent, { type: 'products' }>).data.length).toBeGreaterThan(0);
  // Measured from thread_id, sent right before the turn goes upstream: the fault is detected after it.
  expect(events[errorAt]!.at - events[0]!.at).toBeLessThan(withinMs);
  // No upstream socket left open.
  expect(await waitFor(() => openai.openStreams() === 0, 1000)).toBe(true);
  return error;
}

describe('OpenAI faults reach the shopper as a prompt error event with fallback cards', () => {
  test('429 with retry-after: retryable, and the wait is passed on', async () => {
    openai.enqueue({ kind: 'http_error', status: 429, headers: { 'retry-after': '7' } });
    await expectFault({ code: 'upstream_rate_limited', retryable: true, retryAfter: 7 }, 1000);
  });

  test('429 without retry-after: retryable, no wait given', async () => {
    openai.enqueue({ kind: 'http_error', status: 429 });
    await expectFault({ code: 'upstream_rate_limited', retryable: true }, 1000);
  });

  test('429 insufficient_quota: not retryable', async () => {
    openai.enqueue({
      kind: 'http_error',
      status: 429,
      body: { error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
    });
    await expectFault({ code: 'upstream_rate_limited', retryable: false }, 1000);
  });

  test('500 and 503: retryable', async () => {
    openai.enqueue({ kind: 'http_error', status: 500 });
    await expectFault({ code: 'upstream_unavailable', retryable: true }, 1000);
    openai.enqueue({ kind: 'http_error', status: 503 });
    await expectFault({ code: 'upstream_unavailable', retryable: true }, 1000);
  });

  test('a slow first byte past OPENAI_TIMEOUT_MS: upstream_timeout within a second of the timeout', async () => {
    openai.enqueue({ kind: 'hang', ms: 5000 });
    await expectFault({ code: 'upstream_timeout', retryable: true }, TIMEOUT_MS + 1000);
  });

  test('a cut in the middle of the stream: a retryable error', async () => {
    openai.enqueue({
      kind: 'cut',
      afterEvents: 6,
      then: { kind: 'text', text: 'one two three four five six seven eight nine ten' },
    });
    const before = openai.requests.length;
    await expectFault({ code: 'upstream_unavailable', retryable: true }, 1000);
    expect(openai.requests.slice(before).some((r) => r.path === '/v1/responses')).toBe(true);
  });

  test('an error event inside the stream', async () => {
    openai.enqueue({ kind: 'stream_error', code: 'server_error', message: 'boom', partialText: 'Hel' });
    await expectFault({ code: 'upstream_error', retryable: true }, 1000);
  });
});

test('connection refused: a retryable error, no hang', async () => {
  const closed = await new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
  const refused = await startProxy({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `http://127.0.0.1:${closed}/v1`, AISLE_DEMO: 'on' });
  try {
    const { events } = await streamTimed(refused.url, { message: DOG_FOOD, thread_id: null });
    const types = typesOf(events);
    const error = events.find((e) => e.event.type === 'error');
    expect(error?.event).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    // The conversation could not even be created, yet the local catalog still answers.
    expect(types.indexOf('products')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('products')).toBeLessThan(types.indexOf('error'));
    // One SDK retry with backoff at most, never the 60 s default timeout.
    expect(error!.at).toBeLessThan(3000);
  } finally {
    await refused.close();
  }
});
