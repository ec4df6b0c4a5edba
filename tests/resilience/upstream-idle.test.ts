import type { ChatEvent } from '../../proxy/src/contract/events';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { streamTimed, typesOf, waitFor } from './sse';

/**
 * OpenAI sends its headers and a few events, then not one more byte with the socket open. The
 * heartbeats would keep the shopper's stream alive forever; OPENAI_IDLE_TIMEOUT_MS ends it with a
 * retryable `upstream_timeout`, fallback cards from the local catalog, and `done`.
 */
const KEY = fakeOpenAIKey('idle');
const DOG_FOOD = 'מזון לכלבים';
const IDLE_MS = 1000;

let openai: FakeOpenAI;
let proxy: RunningProxy;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [] });
  proxy = await startProxy({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_DEMO: 'on',
    OPENAI_IDLE_TIMEOUT_MS: String(IDLE_MS),
    // Heartbeats more often than the idle deadline: they must not count as upstream bytes.
    AISLE_HEARTBEAT_MS: '200',
  });
  await streamTimed(proxy.url, { message: DOG_FOOD, thread_id: null });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});
beforeEach(() => openai.reset());

test('a stream that stalls after its first text ends with upstream_timeout within the idle timeout + 1 s', async () => {
  // created, in_progress, reasoning (2), message added, part added, first delta: then silence.
  openai.enqueue({ kind: 'stall', afterEvents: 7, then: { kind: 'text', text: 'one two three four five' } });
  const { events, raw } = await streamTimed(proxy.url, { message: DOG_FOOD, thread_id: null });
  const types = typesOf(events);
  expect(types[0]).toBe('thread_id');
  expect(types.at(-1)).toBe('done');
  expect(raw).toContain(': '); // heartbeats did flow while OpenAI was silent
  const firstText = events.find((e) => e.event.type === 'text')!;
  expect(firstText.event).toMatchObject({ content: 'one' });
  const error = events.find((e) => e.event.type === 'error')!;
  expect(error.event).toMatchObject({ code: 'upstream_timeout', retryable: true });
  const products = types.indexOf('products');
  expect(products).toBeGreaterThan(0);
  expect(products).toBeLessThan(types.indexOf('error'));
  expect((events[products]!.event as Extract<ChatEvent, { type: 'products' }>).data.length).toBeGreaterThan(0);
  const silence = events.at(-1)!.at - firstText.at;
  expect(silence).toBeGreaterThanOrEqual(IDLE_MS - 50);
  expect(silence).toBeLessThan(IDLE_MS + 1000);
  // The stalled upstream connection was closed by the proxy.
  expect(await waitFor(() => openai.openStreams() === 0, 1000)).toBe(true);
  expect(openai.abortedStreams()).toBe(1);
}, 15_000);

test('a slow but steady stream (gaps shorter than the deadline) is not cut', async () => {
  openai.enqueue({
    kind: 'events',
    delayMs: 300,
    events: (ctx) => [
      { type: 'response.created', response: ctx.response() },
      { type: 'response.in_progress', response: ctx.response() },
      ...['a', 'b', 'c', 'd', 'e'].map((delta) => ({
        type: 'response.output_text.delta',
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta,
        logprobs: [],
      })),
      { type: 'response.completed', response: ctx.response({ status: 'completed', usage: null }) },
    ],
  });
  const { events } = await streamTimed(proxy.url, { message: 'hello', thread_id: null });
  expect(typesOf(events)).not.toContain('error');
  expect(
    events
      .filter((e) => e.event.type === 'text')
      .map((e) => (e.event as { content: string }).content)
      .join(''),
  ).toBe('abcde');
  // 7 events 300 ms apart: longer than the deadline in total, never silent for that long.
  expect(events.at(-1)!.at).toBeGreaterThan(IDLE_MS);
}, 15_000);
