import type { ChatEvent } from '../../proxy/src/contract/events';
import { parseSseBody } from '../helpers/proxy';

export interface TimedEvent {
  event: ChatEvent;
  /** ms since the request was sent. */
  at: number;
}

/** POST /api/chat/stream and read events as they arrive, each with its arrival time. */
export async function streamTimed(
  url: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal; onEvent?: (e: ChatEvent) => void } = {},
): Promise<{ status: number; headers: Headers; events: TimedEvent[]; raw: string }> {
  const started = performance.now();
  const res = await fetch(`${url}/api/chat/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    signal: init.signal,
  });
  const events: TimedEvent[] = [];
  let raw = '';
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    raw = await res.text();
    return { status: res.status, headers: res.headers, events, raw };
  }
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    raw += text;
    pending += text;
    const end = pending.lastIndexOf('\n\n');
    if (end < 0) continue;
    const complete = pending.slice(0, end + 2);
    pending = pending.slice(end + 2);
    for (const event of parseSseBody(complete)) {
      events.push({ event, at: performance.now() - started });
      init.onEvent?.(event);
    }
  }
  return { status: res.status, headers: res.headers, events, raw };
}

export const typesOf = (events: TimedEvent[]) => events.map((e) => e.event.type);

export async function waitFor(check: () => boolean, timeoutMs: number, stepMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}
