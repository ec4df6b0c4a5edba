import type { Application, Response } from 'express';
import type { ChatEvent } from '../contract/events';

export interface SseStream {
  send(event: ChatEvent): void;
  end(): void;
  readonly closed: boolean;
}

export interface SseOptions {
  heartbeatMs: number;
  /** Called when the proxy shuts down before this stream finished (abort the upstream turn). */
  onShutdown?: () => void;
}

/** What a shutdown tells a shopper whose answer could not finish in time. */
export const SHUTDOWN_EVENT: Extract<ChatEvent, { type: 'error' }> = {
  type: 'error',
  code: 'shutting_down',
  message: 'The assistant is restarting. Please send your message again in a moment.',
  retryable: true,
};

interface TrackedStream {
  /** Send the shutdown error and `done`, then end. */
  interrupt(): void;
  finished: Promise<void>;
}

/**
 * The streams an app has open, so a graceful shutdown can wait for them and
 * then close the rest properly. Kept on `app.locals`: one registry per app, no
 * wiring needed.
 */
export class SseRegistry {
  private readonly streams = new Set<TrackedStream>();
  draining = false;

  get size(): number {
    return this.streams.size;
  }

  add(stream: TrackedStream): void {
    this.streams.add(stream);
    void stream.finished.then(() => this.streams.delete(stream));
  }

  /**
   * Wait until every open stream finished or `graceMs` passed; interrupt the
   * rest with an error event and `done`. Resolves with how many were interrupted.
   */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    await Promise.race([Promise.all([...this.streams].map((s) => s.finished)), deadline]);
    clearTimeout(timer);
    const late = [...this.streams];
    for (const stream of late) stream.interrupt();
    await Promise.all(late.map((s) => s.finished));
    return late.length;
  }
}

export function sseRegistryOf(app: Application): SseRegistry {
  const locals = app.locals as { sseRegistry?: SseRegistry };
  locals.sseRegistry ??= new SseRegistry();
  return locals.sseRegistry;
}

/**
 * Opens a Server-Sent Events response: one `data: <json>` line and a blank line
 * per event, headers that stop proxies from buffering or compressing, and a
 * comment heartbeat so idle connections are not cut.
 */
export function openSse(res: Response, options: SseOptions): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);

  let closed = false;
  let threadId: string | null = null;
  let markFinished!: () => void;
  const finished = new Promise<void>((resolve) => (markFinished = resolve));
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    markFinished();
  });

  const stream: SseStream = {
    get closed() {
      return closed || res.writableEnded || res.destroyed;
    },
    send(event) {
      if (this.closed) return;
      if (event.type === 'thread_id') threadId = event.thread_id;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    end() {
      clearInterval(heartbeat);
      if (!res.writableEnded) res.end();
      closed = true;
    },
  };

  sseRegistryOf(res.app).add({
    finished,
    interrupt() {
      options.onShutdown?.();
      stream.send(SHUTDOWN_EVENT);
      if (threadId) stream.send({ type: 'done', thread_id: threadId });
      stream.end();
    },
  });
  return stream;
}
