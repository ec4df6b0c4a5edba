/**
 * Every way a proxy request can fail, as one typed error. The UI only looks at `kind`,
 * `retryable` and `retryAfterSeconds`; the server's own message is kept for logs.
 */
import type { ApiErrorBody, ChatErrorCode } from '../../proxy/src/contract/events';

export type ChatFailureKind =
  | 'network' // fetch rejected, connection lost mid-stream, or the proxy is down
  | 'no_first_byte' // the stream opened but sent nothing in time
  | 'stream_unavailable' // a 2xx without a readable body
  | 'rate_limited' // 429, or a rate_limited event
  | 'server' // 5xx, or an upstream error event
  | 'timeout' // the upstream model timed out
  | 'unauthorized' // 401 even after refreshing the session token
  | 'not_found' // 404: the thread is gone
  | 'too_large' // 413
  | 'bad_request' // 400 and other 4xx
  | 'not_configured'; // the proxy has no API key / store configured

export class ChatRequestError extends Error {
  override readonly name = 'ChatRequestError';

  constructor(
    readonly kind: ChatFailureKind,
    message: string,
    readonly options: {
      status?: number;
      code?: string;
      retryAfterSeconds?: number;
      /** True when events had already arrived before the failure. */
      midStream?: boolean;
      /** What the server said about retrying, when it said something. */
      retryable?: boolean;
    } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.options.retryable ?? !['bad_request', 'too_large', 'not_configured'].includes(this.kind);
  }

  get retryAfterSeconds(): number | undefined {
    return this.options.retryAfterSeconds;
  }

  get status(): number | undefined {
    return this.options.status;
  }

  /** Failures where `POST /api/chat` may still work, when nothing has streamed yet. */
  get allowsFallback(): boolean {
    return !this.options.midStream && ['network', 'no_first_byte', 'stream_unavailable', 'server'].includes(this.kind);
  }
}

/** Thrown by `abort()`; not a failure the shopper needs to hear about. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' || (error as { name?: unknown }).name === 'TimeoutError')
  );
}

export function kindForStatus(status: number): ChatFailureKind {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: unknown } | null)?.error as ApiErrorBody['error'] | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

/** Maps a non-2xx proxy answer (JSON `{error:{…}}`, or anything else) to a ChatRequestError. */
export async function errorFromResponse(response: Response): Promise<ChatRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (an HTML error page from a load balancer, say): the status is enough.
  }
  const apiError = isApiErrorBody(body) ? body.error : undefined;
  const kind = apiError?.code === 'not_configured' ? 'not_configured' : kindForStatus(response.status);
  const retryAfterSeconds =
    parseRetryAfter(response.headers.get('retry-after')) ??
    (typeof apiError?.retry_after === 'number' ? apiError.retry_after : undefined);
  return new ChatRequestError(kind, apiError?.message ?? `HTTP ${response.status}`, {
    status: response.status,
    code: apiError?.code,
    retryAfterSeconds,
  });
}

const EVENT_KINDS: Record<ChatErrorCode, ChatFailureKind> = {
  bad_request: 'bad_request',
  rate_limited: 'rate_limited',
  upstream_rate_limited: 'rate_limited',
  upstream_auth: 'server',
  upstream_timeout: 'timeout',
  upstream_unavailable: 'server',
  upstream_error: 'server',
  store_unavailable: 'server',
  shutting_down: 'server',
  not_configured: 'not_configured',
  internal: 'server',
};

/** Maps an `error` event of the stream. */
export function errorFromEvent(
  event: {
    code: ChatErrorCode;
    message: string;
    retryable: boolean;
    retry_after?: number;
  },
  midStream: boolean,
): ChatRequestError {
  return new ChatRequestError(EVENT_KINDS[event.code] ?? 'server', event.message, {
    code: event.code,
    retryAfterSeconds: event.retry_after,
    midStream,
    retryable: event.retryable,
  });
}

/** Anything thrown by fetch or our code, as a ChatRequestError. */
export function toChatRequestError(error: unknown): ChatRequestError {
  if (error instanceof ChatRequestError) {
    return error;
  }
  return new ChatRequestError('network', error instanceof Error ? error.message : String(error));
}
