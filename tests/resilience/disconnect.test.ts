import { readdirSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { streamTimed, waitFor } from './sse';
import { fakeOpenAIKey } from '../helpers/keys';

/**
 * A shopper who closes the tab must not keep an OpenAI request (and its cost)
 * running: the upstream stream is aborted within a second, every time, and a
 * steady churn of connects and disconnects leaks neither memory nor sockets.
 */
const KEY = fakeOpenAIKey('disconnect');
const LONG_ANSWER = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

let openai: FakeOpenAI;
let proxy: RunningProxy;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, tokenDelayMs: 20 });
  proxy = await startProxy({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.baseURL, AISLE_DEMO: 'off' });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});

/**
 * Start a long answer and hang up: after the first text delta, or (`beforeFirstByte`) while
 * OpenAI has not sent a byte yet, when no further event would ever notice the shopper left.
 */
async function hangUpMidAnswer(beforeFirstByte = false): Promise<void> {
  const controller = new AbortController();
  openai.enqueue(beforeFirstByte ? { kind: 'hang', ms: 10_000 } : { kind: 'text', text: LONG_ANSWER });
  await streamTimed(
    proxy.url,
    { message: 'hello', thread_id: null },
    {
      signal: controller.signal,
      onEvent: (e) => {
        if (beforeFirstByte ? e.type === 'thread_id' : e.type === 'text') {
          // thread_id is sent just before the turn goes upstream: wait until the fake holds the request.
          if (beforeFirstByte) void waitFor(() => openai.openStreams() > 0, 1000, 2).then(() => controller.abort());
          else controller.abort();
        }
      },
    },
  ).catch((error: unknown) => {
    if ((error as { name?: unknown }).name !== 'AbortError') throw error;
  });
}

test('the upstream request is aborted within 1 s of the client leaving, 100 of 100 times', async () => {
  openai.reset();
  let aborted = 0;
  const slowest: number[] = [];
  for (let i = 0; i < 100; i++) {
    const before = openai.abortedStreams();
    await hangUpMidAnswer(i % 2 === 1);
    const left = performance.now();
    const ok = await waitFor(() => openai.abortedStreams() === before + 1 && openai.openStreams() === 0, 1000, 5);
    slowest.push(performance.now() - left);
    if (ok) aborted++;
  }
  expect(aborted).toBe(100);
  expect(Math.max(...slowest)).toBeLessThan(1000);
}, 60_000);

const openFds = () => readdirSync('/proc/self/fd').length;

test('a steady connect/disconnect load does not leak file descriptors or memory', async () => {
  const round = async (n: number) => {
    for (let i = 0; i < n; i += 10) await Promise.all(Array.from({ length: 10 }, () => hangUpMidAnswer()));
  };
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const settle = async () => {
    await waitFor(() => openai.openStreams() === 0, 2000);
    // The fake (in this process) remembers every request and conversation; that is not the proxy's memory.
    openai.reset();
    await new Promise((r) => setTimeout(r, 200));
    gc();
  };
  await round(50);
  await settle();
  const fdsBefore = openFds();
  const heapBefore = process.memoryUsage().heapUsed;
  await round(300);
  expect(openai.abortedStreams()).toBeGreaterThan(0);
  await settle();
  const fdsAfter = openFds();
  const heapAfter = process.memoryUsage().heapUsed;
  // A leak of one socket per stream would add 300 (two per side: 600).
  // Keep-alive pools (client, SDK, fake) may hold a few dozen sockets at any time.
  expect(fdsAfter - fdsBefore).toBeLessThan(60);
  // A leaked stream keeps its parser, buffers and closures (well over 100 kB each): 300 would be tens of MB.
  expect(heapAfter - heapBefore).toBeLessThan(25 * 1024 * 1024);
}, 60_000);
