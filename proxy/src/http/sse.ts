import type { Response } from 'express';
import type { ChatEvent } from '../contract/events';

export interface SseStream {
  send(event: ChatEvent): void;
  end(): void;
  readonly closed: boolean;
}

/**
 * Opens a Server-Sent Events response: one `data: <json>` line and a blank line
 * per event, headers that stop proxies from buffering or compressing, and a
 * comment heartbeat so idle connections are not cut.
 */
export function openSse(res: Response, options: { heartbeatMs: number }): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);

  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
  });

  return {
    get closed() {
      return closed || res.writableEnded || res.destroyed;
    },
    send(event) {
      if (this.closed) return;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    end() {
      clearInterval(heartbeat);
      if (!res.writableEnded) res.end();
      closed = true;
    },
  };
}
