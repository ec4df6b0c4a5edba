/**
 * Reads the proxy's `text/event-stream` body into typed ChatEvents. The parsing itself
 * (chunk boundaries anywhere, `\r\n` or `\r` line ends, multi-line `data:`, comments) is
 * eventsource-parser's; this file adds UTF-8 decoding across chunks and JSON validation.
 */
import { createParser } from 'eventsource-parser';
import { isChatEvent, type ChatEvent } from '../../proxy/src/contract/events';

/**
 * One SSE message's data as a ChatEvent, or null when it is not one (unknown types are
 * skipped so an older widget keeps working against a newer proxy). When the proxy names the
 * event with `event:` and leaves `type` out of the JSON, the SSE name is used.
 */
export function parseChatEvent(data: string, sseEventName?: string): ChatEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value === 'object' && value !== null && !('type' in value) && sseEventName) {
    value = { ...value, type: sseEventName };
  }
  return isChatEvent(value) ? value : null;
}

export interface ReadChatEventsOptions {
  /** Called once, when the first non-empty chunk arrives (ends the first-byte timeout). */
  onFirstByte?: () => void;
}

/** Yields events as they complete; cancels the body when the consumer stops early. */
export async function* readChatEvents(
  body: ReadableStream<Uint8Array>,
  options: ReadChatEventsOptions = {},
): AsyncGenerator<ChatEvent, void, undefined> {
  const ready: ChatEvent[] = [];
  const parser = createParser({
    onEvent(message) {
      const event = parseChatEvent(message.data, message.event);
      if (event) {
        ready.push(event);
      }
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let sawByte = false;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      if (!sawByte && value.byteLength > 0) {
        sawByte = true;
        options.onFirstByte?.();
      }
      // `stream: true` keeps a multi-byte character split across chunks for the next call.
      parser.feed(decoder.decode(value, { stream: true }));
      while (ready.length > 0) {
        yield ready.shift() as ChatEvent;
      }
    }
    parser.feed(decoder.decode());
    // A last message the server did not end with a blank line still counts: the proxy
    // closing the stream is as good a terminator as any.
    parser.feed('\n\n');
    while (ready.length > 0) {
      yield ready.shift() as ChatEvent;
    }
  } finally {
    if (!finished) {
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}
