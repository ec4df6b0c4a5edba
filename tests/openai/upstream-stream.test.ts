import OpenAI from 'openai';
import {
  MalformedUpstreamEventError,
  readResponseEvents,
  readServerSentEvents,
  type ServerSentEvent,
} from '../../proxy/src/openai/upstream-stream';

const encoder = new TextEncoder();

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(text: string, size = 1 << 20): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const e of readServerSentEvents(chunksOf(encoder.encode(text), size))) events.push(e);
  return events;
}

/**
 * A fetch Response whose body is `text`, plus whether the reader cancelled it.
 * `keepOpen`: the body never ends (an answer still streaming), so only a cancel stops it.
 */
function responseOf(text: string, keepOpen = false): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  const bytes = encoder.encode(text);
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        if (!keepOpen) controller.close();
        return;
      }
      sent = true;
      controller.enqueue(bytes);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }), cancelled: () => cancelled };
}

const delta = (text: string) =>
  `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', delta: text })}\n\n`;

describe('readServerSentEvents', () => {
  const wire =
    ': a comment\n' +
    'event: response.created\ndata: {"a":1}\n\n' +
    'event: response.output_text.delta\r\ndata: {"delta":"שלום, עולם"}\r\n\r\n' +
    'data:first\rdata: second\r\r' +
    'id: 7\nretry: 10\nevent: last\ndata: {}\n\n';
  const expected: ServerSentEvent[] = [
    { event: 'response.created', data: '{"a":1}' },
    { event: 'response.output_text.delta', data: '{"delta":"שלום, עולם"}' },
    { event: null, data: 'first\nsecond' },
    { event: 'last', data: '{}' },
  ];

  it('parses events with LF, CRLF and CR line endings, comments, several data lines and other fields', async () => {
    expect(await collect(wire)).toEqual(expected);
  });

  it('gives the same events whatever the chunk boundaries, even inside a UTF-8 character or a CRLF', async () => {
    for (const size of [1, 2, 3, 5, 7, 13]) expect(await collect(wire, size)).toEqual(expected);
  });

  it('delivers an event left open when the body ends, like the SDK', async () => {
    expect(await collect('event: a\ndata: {"x":1}')).toEqual([{ event: 'a', data: '{"x":1}' }]);
    expect(await collect('data: 1\n\n\n\n')).toEqual([{ event: null, data: '1' }]);
  });
});

describe('readResponseEvents', () => {
  it('yields the parsed events in order and stops at [DONE]', async () => {
    const { response } = responseOf(`${delta('a')}${delta('b')}data: [DONE]\n\n${delta('never')}`);
    const seen: unknown[] = [];
    for await (const event of readResponseEvents(response)) seen.push(event);
    expect(seen).toEqual([
      { type: 'response.output_text.delta', delta: 'a' },
      { type: 'response.output_text.delta', delta: 'b' },
    ]);
  });

  it('throws an `error` event as OpenAI.APIError, with nested or top-level details', async () => {
    const nested = responseOf(
      `${delta('a')}event: error\ndata: ${JSON.stringify({ type: 'error', error: { code: 'insufficient_quota', message: 'quota' } })}\n\n`,
    );
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const event of readResponseEvents(nested.response)) seen.push(event);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('insufficient_quota');

    const flat = responseOf(
      `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'server_error', message: 'boom' })}\n\n`,
    );
    const flatError = await (async () => {
      for await (const event of readResponseEvents(flat.response)) void event;
    })().catch((e: unknown) => e);
    expect(flatError).toBeInstanceOf(OpenAI.APIError);
    expect((flatError as Error).message).toContain('boom');
  });

  it('throws an event with an `error` member as OpenAI.APIError', async () => {
    const { response } = responseOf(`data: ${JSON.stringify({ error: { message: 'bad', code: 'x' } })}\n\n`);
    await expect(
      (async () => {
        for await (const event of readResponseEvents(response)) void event;
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('throws MalformedUpstreamEventError for a payload that is not JSON', async () => {
    const { response } = responseOf('event: response.output_text.delta\ndata: {"delta":\n\n');
    await expect(
      (async () => {
        for await (const event of readResponseEvents(response)) void event;
      })(),
    ).rejects.toBeInstanceOf(MalformedUpstreamEventError);
  });

  it('cancels the body (closing the upstream connection) when the reader stops early', async () => {
    const { response, cancelled } = responseOf(`${delta('a')}${delta('b')}`, true);
    for await (const event of readResponseEvents(response)) {
      void event;
      break;
    }
    expect(cancelled()).toBe(true);
  });
});
