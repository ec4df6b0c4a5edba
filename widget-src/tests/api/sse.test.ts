import { describe, expect, it, jest } from '@jest/globals';
import type { ChatEvent } from '../../../proxy/src/contract/events';
import { parseChatEvent, readChatEvents } from '../../api/sse';
import { collect, encoder, product, streamOf } from '../helpers/streams';

const EXPECTED: ChatEvent[] = [
  { type: 'thread_id', thread_id: 'thread_abc' },
  { type: 'status', status: 'searching_catalog' },
  { type: 'text', content: 'שלום, ' },
  { type: 'text', content: 'here are **two** dog foods 🐶' },
  { type: 'products', data: [product()] },
  { type: 'done', thread_id: 'thread_abc' },
];

/** The sample as the proxy might send it, with a keep-alive comment and an id line mixed in. */
function sample(lineEnd: string): string {
  const lines: string[] = [];
  EXPECTED.forEach((event, index) => {
    if (index === 2) {
      lines.push(': keep-alive', '');
    }
    lines.push(`id: ${index}`, `data: ${JSON.stringify(event)}`, '');
  });
  return lines.join(lineEnd) + lineEnd;
}

async function eventsFrom(chunks: Uint8Array[]): Promise<ChatEvent[]> {
  return collect(readChatEvents(streamOf(chunks)));
}

describe('readChatEvents', () => {
  for (const [name, lineEnd] of [
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ] as const) {
    it(`yields every event for every two-chunk split of the stream (${name} line ends)`, async () => {
      const bytes = encoder.encode(sample(lineEnd));
      for (let cut = 0; cut <= bytes.length; cut += 1) {
        const events = await eventsFrom([bytes.slice(0, cut), bytes.slice(cut)]);
        if (JSON.stringify(events) !== JSON.stringify(EXPECTED)) {
          // Name the failing split point instead of dumping hundreds of passes.
          expect({ cut, events }).toEqual({ cut, events: EXPECTED });
        }
      }
      expect(await eventsFrom([bytes])).toEqual(EXPECTED);
    });
  }

  it('handles one byte per chunk, splitting multi-byte characters', async () => {
    const bytes = encoder.encode(sample('\r\n'));
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await eventsFrom(chunks)).toEqual(EXPECTED);
  });

  it('joins multi-line data fields with newlines before parsing', async () => {
    const stream = 'data: {"type":"text",\ndata: "content":"line one\\nline two"}\n\ndata: {"type":"done","thread_id":"t"}\n\n';
    expect(await eventsFrom([encoder.encode(stream)])).toEqual([
      { type: 'text', content: 'line one\nline two' },
      { type: 'done', thread_id: 't' },
    ]);
  });

  it('skips unknown event types and malformed JSON, and keeps going', async () => {
    const stream = [
      'data: {"type":"future_thing","x":1}\n\n',
      'data: {not json\n\n',
      'data: {"type":"text","content":"ok"}\n\n',
    ].join('');
    expect(await eventsFrom([encoder.encode(stream)])).toEqual([{ type: 'text', content: 'ok' }]);
  });

  it('takes the type from the SSE event name when the JSON has none', () => {
    expect(parseChatEvent('{"content":"hi"}', 'text')).toEqual({ type: 'text', content: 'hi' });
    expect(parseChatEvent('{"content":"hi"}')).toBeNull();
  });

  it('delivers a last event that the server did not terminate with a blank line', async () => {
    const stream = 'data: {"type":"text","content":"a"}\n\ndata: {"type":"done","thread_id":"t"}';
    expect(await eventsFrom([encoder.encode(stream)])).toEqual([
      { type: 'text', content: 'a' },
      { type: 'done', thread_id: 't' },
    ]);
  });

  it('reports the first byte once', async () => {
    const onFirstByte = jest.fn();
    const events = await collect(
      readChatEvents(streamOf([new Uint8Array(0), 'data: {"type":"text","content":"a"}\n\n', ': ping\n\n']), {
        onFirstByte,
      }),
    );
    expect(events).toHaveLength(1);
    expect(onFirstByte).toHaveBeenCalledTimes(1);
  });

  it('cancels the body when the consumer stops early', async () => {
    const cancel = jest.fn<() => void>();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encoder.encode('data: {"type":"text","content":"a"}\n\n'));
        }
      },
      cancel,
    });
    for await (const event of readChatEvents(body)) {
      expect(event.type).toBe('text');
      break;
    }
    expect(cancel).toHaveBeenCalled();
  });
});
