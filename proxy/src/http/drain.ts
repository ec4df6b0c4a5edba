import type { RequestHandler } from 'express';

/** How much of a refused body is still read, so the answer reaches the client, before the socket is dropped. */
export const MAX_DRAIN_BYTES = 256 * 1024;

/**
 * When an answer goes out before its request body was read (a 413, a 404, a refusal), Node reads
 * the rest of the body to keep the connection alive, however long it is: 20 MB of hostile upload
 * meant 20 MB of socket buffers allocated and freed, which glibc then kept resident. Past
 * MAX_DRAIN_BYTES the socket is closed instead. The answer has been flushed by then, and the
 * client is still sending, so it sees its write fail rather than losing the answer.
 */
export function boundedDrain(): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      if (req.complete) return;
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
      });
    });
    next();
  };
}
