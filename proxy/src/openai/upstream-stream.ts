import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { responseChunks } from './transport';

type ResponseStreamEvent = OpenAI.Responses.ResponseStreamEvent;

/** One Server-Sent Event as sent on the wire: its `event:` name (if any) and its `data:` lines joined by `\n`. */
export interface ServerSentEvent {
  event: string | null;
  data: string;
}

/** A `data:` payload that is not JSON: the stream is unusable, the turn reports it as incomplete. */
export class MalformedUpstreamEventError extends Error {
  constructor() {
    super('Error reading response: malformed server-sent event JSON.');
    this.name = 'MalformedUpstreamEventError';
  }
}

/**
 * Splits a byte stream into Server-Sent Events with eventsource-parser (the parser the widget
 * uses too), which keeps only the unfinished line and event between chunks.
 *
 * Why not the SDK's own stream reader: for every open answer it keeps two byte buffers sized by
 * the largest event seen (the first events repeat the whole request: instructions and tools,
 * several KB), for as long as the answer streams, plus four layers of generators and abort
 * bridges. With thousands of answers open at once that is most of a stream's memory.
 */
export async function* readServerSentEvents(
  body: AsyncIterable<Uint8Array>,
  /** Called as each chunk arrives: an idle deadline counts bytes, not whole events. */
  onBytes?: () => void,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  const ready: ServerSentEvent[] = [];
  const parser = createParser({ onEvent: (message) => ready.push({ event: message.event ?? null, data: message.data }) });
  for await (const chunk of body) {
    onBytes?.();
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (ready.length) yield ready.shift()!;
  }
  // Like the SDK: a last line and an event left open when the body ends are still delivered
  // (the blank lines end them; after a complete stream they dispatch nothing).
  parser.feed(`${decoder.decode()}\n\n`);
  while (ready.length) yield ready.shift()!;
}

/**
 * The events of a streamed Responses API answer, read from its raw HTTP response
 * (`responses.create({ stream: true }).asResponse()`, a `StreamedResponse` from our transport or a
 * plain `Response`), with the SDK's rules: `[DONE]`
 * ends the stream, an `error` event or an `error` member is thrown as `OpenAI.APIError`,
 * and a payload that is not JSON throws `MalformedUpstreamEventError`. Leaving the loop
 * early cancels the body, which closes the upstream connection.
 */
export async function* readResponseEvents(
  response: Response,
  options: { onBytes?: (() => void) | undefined } = {},
): AsyncGenerator<ResponseStreamEvent> {
  const chunks = responseChunks(response);
  if (!chunks) throw new OpenAI.OpenAIError('Attempted to iterate over a response with no body');
  for await (const sse of readServerSentEvents(chunks, options.onBytes)) {
    if (sse.data === '[DONE]') return;
    let data: unknown;
    try {
      data = JSON.parse(sse.data);
    } catch {
      throw new MalformedUpstreamEventError();
    }
    const error = (data as { error?: object } | null)?.error;
    if (sse.event === 'error') throw new OpenAI.APIError(undefined, error ?? (data as object), undefined, response.headers);
    if (error) throw new OpenAI.APIError(undefined, error, undefined, response.headers);
    yield data as ResponseStreamEvent;
  }
}
