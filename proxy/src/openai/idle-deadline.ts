/**
 * A deadline on silence: armed once an answer's headers are in, pushed back by every chunk of
 * bytes, and when it passes, its signal aborts the request (which closes the body). The SDK's
 * own timeout covers only the wait for headers; after them, OpenAI could stay silent forever
 * while the shopper's stream is kept alive by heartbeats.
 */
export interface IdleDeadline {
  /** Passed to the request, so an expiry closes the upstream connection. */
  readonly signal: AbortSignal;
  /** True once the deadline passed (the abort was ours, not the shopper's). */
  readonly expired: boolean;
  /** Arm it (after the headers). */
  start(): void;
  /** Bytes arrived: start counting again. */
  touch(): void;
  stop(): void;
}

/** Without `timeoutMs` (or 0) it never expires. */
export function idleDeadline(timeoutMs: number | undefined): IdleDeadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let expired = false;
  const expire = () => {
    expired = true;
    controller.abort();
  };
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    start() {
      if (timeoutMs && timeoutMs > 0 && !timer) timer = setTimeout(expire, timeoutMs);
    },
    // `refresh` re-arms the same timer: no allocation per chunk.
    touch: () => void timer?.refresh(),
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
