/** HTTP helpers of the container smoke test: plain fetch and raw sockets to 127.0.0.1 only. */
import { connect } from 'node:net';

export interface ChatEvent {
  type: string;
  [key: string]: unknown;
}

export interface TimedStream {
  status: number;
  events: ChatEvent[];
  /** Milliseconds from the request to each event. */
  at: number[];
  headers: Headers;
}

/** One streamed chat turn; resolves when the stream ends. */
export async function streamChat(url: string, body: object, timeoutMs = 30_000): Promise<TimedStream> {
  const started = Date.now();
  const res = await fetch(`${url}/api/chat/stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const events: ChatEvent[] = [];
  const at: number[] = [];
  if (!res.body || !res.headers.get('content-type')?.includes('text/event-stream')) {
    const text = await res.text();
    try {
      events.push({ type: 'http', ...(JSON.parse(text) as object) });
    } catch {
      events.push({ type: 'http', text });
    }
    return { status: res.status, events, at: [Date.now() - started], headers: res.headers };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const line of block.split('\n')) {
        if (!line.startsWith('data:')) continue;
        events.push(JSON.parse(line.slice(5).trim()) as ChatEvent);
        at.push(Date.now() - started);
      }
    }
  }
  return { status: res.status, events, at, headers: res.headers };
}

export async function getJson(url: string, timeoutMs = 10_000): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: res.status, body: { text } };
  }
}

/** A counter's value (summed over labels) in Prometheus text. */
export function metricValue(text: string, name: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

export async function metric(url: string, name: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
  return metricValue(await res.text(), name);
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await Promise.resolve(check()).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

/**
 * A chat request whose last body byte is held back until `finish()`: a request that is in transit
 * when the process gets SIGTERM. Resolves the raw HTTP answer.
 */
export function heldRequest(port: number, body: object): Promise<{ finish: () => Promise<string> }> {
  const json = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /api/chat/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${json.length}\r\nConnection: close\r\n\r\n`,
      );
      socket.write(json.subarray(0, json.length - 1));
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      const ended = new Promise<string>((r) => socket.once('close', () => r(answer)));
      resolve({
        finish: () => {
          socket.write(json.subarray(json.length - 1));
          return ended;
        },
      });
    });
    socket.setTimeout(20_000, () => socket.destroy(new Error('held request timed out')));
    socket.once('error', reject);
  });
}
