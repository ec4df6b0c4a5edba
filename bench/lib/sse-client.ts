import { Agent, request } from 'undici';
import type { ChatEvent } from '../../proxy/src/contract/events';

export interface TimedEvent {
  event: ChatEvent;
  /** performance.now() when its `data:` line was complete. */
  at: number;
}

export interface StreamResult {
  status: number;
  started: number;
  events: TimedEvent[];
}

/**
 * POST /api/chat/stream with undici and time each `data:` line as it arrives,
 * like a browser's EventSource parser would see it.
 */
export async function chatStream(
  url: string,
  body: { message: string; thread_id: string | null },
  options: { dispatcher?: Agent; onEvent?: (e: TimedEvent) => void; signal?: AbortSignal } = {},
): Promise<StreamResult> {
  const started = performance.now();
  const res = await request(`${url}/api/chat/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const events: TimedEvent[] = [];
  let buffer = '';
  res.body.setEncoding('utf8');
  for await (const chunk of res.body as AsyncIterable<string>) {
    const at = performance.now();
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (!block.startsWith('data: ')) continue;
      const timed = { event: JSON.parse(block.slice(6)) as ChatEvent, at };
      events.push(timed);
      options.onEvent?.(timed);
    }
  }
  return { status: res.statusCode, started, events };
}
