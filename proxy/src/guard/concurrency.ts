import { ApiError } from '../http/errors';

/**
 * Open answer streams per shopper session, counted in this instance. A stream
 * holds an upstream connection and a model turn; one shopper needs one or two
 * (a second tab), never dozens. The slot is released when the response closes.
 */
export interface StreamSlots {
  /** Take a slot or throw 429 `too_many_streams`. Returns the release function (idempotent). */
  acquire(key: string): () => void;
  open(key: string): number;
}

export function createStreamSlots(options: { maxPerKey: number }): StreamSlots {
  const counts = new Map<string, number>();
  return {
    acquire(key) {
      const current = counts.get(key) ?? 0;
      if (options.maxPerKey > 0 && current >= options.maxPerKey) {
        throw new ApiError(
          429,
          'too_many_streams',
          `Only ${options.maxPerKey} answers can stream at once for one shopper. Wait for the current answer to finish.`,
          { retryAfter: 1 },
        );
      }
      counts.set(key, current + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left <= 0) counts.delete(key);
        else counts.set(key, left);
      };
    },
    open: (key) => counts.get(key) ?? 0,
  };
}

/** A thread has room for this many shopper turns; then the shopper starts a new conversation. */
export function threadFull(maxTurns: number): ApiError {
  return new ApiError(
    409,
    'conversation_too_long',
    `This conversation reached ${maxTurns} messages. Start a new conversation to continue.`,
  );
}
