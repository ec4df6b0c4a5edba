import type { Server } from 'node:http';
import type { Application } from 'express';
import { sseRegistryOf } from '../http/sse';
import type { Logger } from '../logging/logger';

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface ShutdownDeps {
  server: Server;
  app: Application;
  logger: Logger;
  /** How long running answers may take to finish before they are interrupted. */
  graceMs: number;
  /** Close the store and background work. */
  close: () => Promise<void>;
}

/**
 * Graceful shutdown: stop accepting connections, let running answers finish up
 * to `graceMs`, send the rest an `error` and `done`, close the store, flush the
 * log. Resolves when everything is closed; never rejects.
 */
export async function shutdownGracefully(deps: ShutdownDeps): Promise<{ interrupted: number }> {
  const registry = sseRegistryOf(deps.app);
  const closed = new Promise<void>((resolve) => deps.server.close(() => resolve()));
  // Keep-alive sockets with no request in flight would hold `close` open.
  deps.server.closeIdleConnections();
  const interrupted = await registry.drain(deps.graceMs);
  deps.logger.info({ interrupted }, 'answers drained');
  deps.server.closeIdleConnections();
  // Anything still open after the answers ended (a slow non-stream request) gets a short moment.
  const hardStop = setTimeout(() => deps.server.closeAllConnections(), 2000);
  hardStop.unref();
  await closed;
  clearTimeout(hardStop);
  await deps.close().catch((error: unknown) => deps.logger.warn({ err: error }, 'closing the store failed'));
  deps.logger.flush?.();
  return { interrupted };
}
