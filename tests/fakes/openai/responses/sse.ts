/** Writes stream events as the live API does: `event: <type>` and `data: <json>` per event. */
import type { ServerResponse } from 'node:http';
import { sleep } from '../http';
import type { Json } from '../state';

export type StreamOutcome = 'finished' | 'aborted' | 'cut';

export interface StreamPacing {
  firstTokenDelayMs: number;
  tokenDelayMs: number;
  /** Extra delay before every event (for `events` scripts). */
  perEventDelayMs: number;
  /** Destroy the socket after this many events. */
  cutAfterEvents: number | undefined;
  /** Send nothing more after this many events, socket open, until the client closes it. */
  stallAfterEvents?: number | undefined;
  /** Called with each event just before it is written (validation, bookkeeping). */
  onEvent: (event: Json) => void;
}

export function startEventStream(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
}

function isDelta(event: Json): boolean {
  return typeof event.type === 'string' && event.type.endsWith('.delta');
}

function write(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(chunk, () => resolve());
  });
}

export async function writeEvents(res: ServerResponse, events: Json[], pacing: StreamPacing): Promise<StreamOutcome> {
  let sentDeltas = 0;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as Json;
    if (event.sequence_number === undefined) event.sequence_number = index;
    if (isDelta(event)) await sleep(sentDeltas === 0 ? pacing.firstTokenDelayMs : pacing.tokenDelayMs);
    await sleep(pacing.perEventDelayMs);
    if (res.destroyed) return 'aborted';
    if (pacing.cutAfterEvents !== undefined && index >= pacing.cutAfterEvents) {
      res.socket?.destroy();
      return 'cut';
    }
    if (pacing.stallAfterEvents !== undefined && index >= pacing.stallAfterEvents) {
      await new Promise<void>((resolve) => (res.destroyed ? resolve() : res.once('close', () => resolve())));
      return 'aborted';
    }
    pacing.onEvent(event);
    await write(res, `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    if (isDelta(event)) sentDeltas += 1;
  }
  if (pacing.cutAfterEvents !== undefined && pacing.cutAfterEvents >= events.length) {
    res.socket?.destroy();
    return 'cut';
  }
  if (res.destroyed) return 'aborted';
  res.end();
  return 'finished';
}
