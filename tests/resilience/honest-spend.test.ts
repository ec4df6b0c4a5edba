import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, streamChat, textOf, type RunningProxy } from '../helpers/proxy';

/**
 * Tokens are billed whether the shopper waits for the end of the answer or not. A client that
 * aborts every answer right after its first text must still reach the daily cap: the proxy reads
 * the usage of each abandoned response from OpenAI (GET /v1/responses/{id}) in the background.
 */
const KEY = fakeOpenAIKey('honest-spend');
// One aborted turn here costs ~470 tokens (instructions and tools as input, reasoning, one word).
const CAP = 30_000;

let openai: FakeOpenAI;
let proxy: RunningProxy;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [], tokenDelayMs: 50 });
  proxy = await startProxy({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_DEMO: 'on',
    AISLE_DAILY_TOKEN_CAP: String(CAP),
  });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});

/** One turn, abandoned as soon as the first `text` event arrives. */
async function abortAfterFirstText(): Promise<'aborted' | 'resting'> {
  const controller = new AbortController();
  const res = await fetch(`${proxy.url}/api/chat/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'hello there', thread_id: null }),
    signal: controller.signal,
  });
  let seen = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      seen += Buffer.from(chunk).toString();
      if (seen.includes('"type":"status","status":"offline"')) return 'resting';
      if (seen.includes('"type":"text"')) {
        controller.abort();
        return 'aborted';
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    return 'aborted';
  }
  throw new Error(`the stream ended without text: ${seen}`);
}

test('100 turns aborted after their first text reach the daily cap, then chat rests', async () => {
  const spend = () => proxy.aisle.guards.spend.spendStatus('default');
  let turns = 0;
  while (turns < 100 && !(await spend()).exhausted) {
    const outcome = await abortAfterFirstText();
    turns += 1;
    if (outcome === 'resting') break;
    // The usage is read in the background: wait until this turn's tokens are counted.
    const before = (await spend()).tokens_used;
    const deadline = Date.now() + 3000;
    while ((await spend()).tokens_used <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
  const status = await spend();
  expect(status.tokens_used).toBeGreaterThanOrEqual(CAP);
  expect(status.exhausted).toBe(true);
  expect(turns).toBeLessThanOrEqual(100);
  // Every counted token came from an abandoned answer: none of them completed.
  const abandoned = [...openai.state.responses.values()].filter((r) => r.status === 'cancelled');
  expect(abandoned.length).toBeGreaterThan(0);
  expect([...openai.state.responses.values()].some((r) => r.status === 'completed')).toBe(false);
  expect(openai.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/responses/resp_'))).toBe(true);
  expect(openai.specViolations).toEqual([]);

  const resting = await streamChat(proxy.url, { message: 'dog food', thread_id: null });
  expect(textOf(resting.events)).toMatch(/resting for today/);
}, 120_000);
