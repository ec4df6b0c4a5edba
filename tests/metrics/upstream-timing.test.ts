/**
 * instrumentOpenAIFetch on streamed answers: the first-token time is taken when the first
 * `response.output_text.delta` arrives, wherever the chunk boundaries fall, the chunks pass
 * through unchanged, and an answer the reader leaves early counts as an error.
 */
import { createMetrics, instrumentOpenAIFetch } from '../../proxy/src/metrics';
import { StreamedResponse, responseChunks } from '../../proxy/src/openai/transport';
import { sample } from './app';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const created = `event: response.created\ndata: {"type":"response.created","response":{"instructions":"${'ענה בעברית. '.repeat(400)}"}}\n\n`;
// Without an `event:` line (valid SSE), so the data line holds the only marker.
const delta = 'data: {"type":"response.output_text.delta","delta":"שלום"}\n\n';
const completed = 'event: response.completed\ndata: {"type":"response.completed"}\n\n';

/** An inner fetch whose streamed answer is `text` cut into the given chunk sizes, each after `gapMs`. */
function innerFetch(text: string, sizes: number[], gapMs: number): typeof fetch {
  const bytes = encoder.encode(text);
  return async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      let at = 0;
      for (const size of [...sizes, bytes.length]) {
        if (at >= bytes.length) return;
        await new Promise((r) => setTimeout(r, gapMs));
        yield bytes.subarray(at, at + size);
        at += size;
      }
    }
    return new StreamedResponse(chunks(), { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

async function readAll(response: Response, stopAfter = Infinity): Promise<string> {
  let text = '';
  let n = 0;
  for await (const chunk of responseChunks(response)!) {
    text += decoder.decode(chunk, { stream: true });
    if (++n >= stopAfter) break;
  }
  return text;
}

test.each([
  ['the marker split across two chunks', encoder.encode(created).length + 'data: {"type":"response.output_te'.length],
  ['the marker inside one chunk', encoder.encode(created).length],
])('time to first token is taken at the delta, with %s', async (_name, firstChunkBytes) => {
  const metrics = createMetrics({ defaultMetrics: false });
  const text = created + delta + completed;
  // Chunk 1 ends at (or inside) the delta's marker, 40 ms apart: the first token is in chunk 2 at ≥ 80 ms.
  const fetchTimed = instrumentOpenAIFetch(metrics, innerFetch(text, [firstChunkBytes, 200], 40));
  const response = await fetchTimed('http://127.0.0.1/v1/responses');
  expect(response).toBeInstanceOf(StreamedResponse);
  expect(await readAll(response)).toBe(text);
  const exposition = await metrics.registry.metrics();
  expect(sample(exposition, 'aisle_openai_time_to_first_token_seconds_count')).toBe(1);
  expect(sample(exposition, 'aisle_openai_time_to_first_token_seconds_sum')).toBeGreaterThanOrEqual(0.075);
  expect(sample(exposition, 'aisle_openai_response_duration_seconds_count{outcome="ok"}')).toBe(1);
});

test('no delta: no first-token sample; an answer left early is an error', async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  const noText = instrumentOpenAIFetch(metrics, innerFetch(created + completed, [500], 1));
  await readAll(await noText('http://127.0.0.1/v1/responses'));
  const left = instrumentOpenAIFetch(metrics, innerFetch(created + delta + completed, [100, 100], 1));
  await readAll(await left('http://127.0.0.1/v1/responses'), 1);
  const exposition = await metrics.registry.metrics();
  expect(sample(exposition, 'aisle_openai_time_to_first_token_seconds_count')).toBe(0);
  expect(sample(exposition, 'aisle_openai_response_duration_seconds_count{outcome="ok"}')).toBe(1);
  expect(sample(exposition, 'aisle_openai_response_duration_seconds_count{outcome="error"}')).toBe(1);
});

test('an error answer is passed on whole, whatever its content type (the SDK reads its code)', async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  const error = JSON.stringify({ error: { message: 'Invalid tool schema', code: 'bad_tool' } });
  const gateway: typeof fetch = async () =>
    new Response(error, { status: 400, headers: { 'content-type': 'text/event-stream' } });
  const response = await instrumentOpenAIFetch(metrics, gateway)('http://127.0.0.1/v1/responses');
  expect(response).not.toBeInstanceOf(StreamedResponse);
  expect(await response.text()).toBe(error);
  const exposition = await metrics.registry.metrics();
  expect(sample(exposition, 'aisle_openai_response_duration_seconds_count{outcome="error"}')).toBe(1);
});
