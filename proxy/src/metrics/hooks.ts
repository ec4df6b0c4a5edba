import type { RequestHandler } from 'express';
import type { Metrics } from './registry';

/** The fields of a sync progress report this listener reads (see proxy/src/sync/progress.ts). */
interface SyncProgressLike {
  mode: string;
  phase: string;
  started_at: string;
}

/**
 * An `onProgress` listener for the sync service: records one duration and
 * result when a sync reaches `done` or `failed`. Runs in the process that runs
 * the sync (the proxy when inline, the sync worker with a queue).
 */
export function syncProgressListener(metrics: Metrics, now: () => number = Date.now): (progress: SyncProgressLike) => void {
  const recorded = new Set<string>();
  return (progress) => {
    if (progress.phase !== 'done' && progress.phase !== 'failed') return;
    const key = `${progress.started_at}|${progress.mode}`;
    if (recorded.has(key)) return;
    recorded.add(key);
    if (recorded.size > 100) recorded.delete(recorded.values().next().value!);
    const seconds = Math.max(0, (now() - Date.parse(progress.started_at)) / 1000);
    metrics.syncFinished(progress.mode, progress.phase === 'done' ? 'ok' : 'failed', seconds);
  };
}

export const CHAT_STREAM_PATH = '/api/chat/stream';

/**
 * Middleware (mount in `before`): the open-SSE-streams gauge for
 * `POST /api/chat/stream`, every 429 the proxy answers as a rate-limit
 * rejection (whichever limiter refused it), and 5xx answers as errors.
 */
export function httpMetricsMiddleware(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const isStream = req.method === 'POST' && req.path === CHAT_STREAM_PATH;
    if (isStream) metrics.streamOpened();
    res.once('close', () => {
      if (isStream) metrics.streamClosed();
      if (res.statusCode === 429) metrics.rateLimited(scopeOf(req.path));
      else if (res.statusCode >= 500) metrics.error('http_5xx');
    });
    next();
  };
}

/** A bounded label: the API area (`/api/chat/stream` → `chat`), never raw user paths. */
function scopeOf(path: string): string {
  const match = /^\/api\/([a-z]+)/.exec(path);
  return match?.[1] ?? 'other';
}
