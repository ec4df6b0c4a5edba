import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logging/logger';
import type { ApiErrorCode } from '../contract/events';
import { classifyUpstreamError, type UpstreamFailure } from '../openai/upstream-errors';
import { StoreUnavailableError } from '../store/redis';

/** An error with an HTTP status and a stable code, safe to show to the caller. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { retryAfter?: number; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'bad_request', message, { details });
export const notFound = (message = 'Not found') => new ApiError(404, 'not_found', message);

/** body-parser marks its errors with a `type`; map them to clear client errors. */
function fromBodyParser(err: unknown): ApiError | null {
  if (typeof err !== 'object' || err === null || !('type' in err)) return null;
  switch ((err as { type: unknown }).type) {
    case 'entity.too.large':
      return new ApiError(413, 'payload_too_large', 'The request body is too large.');
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_encoding', 'The request body encoding is not supported; send UTF-8 JSON.');
    case 'request.aborted':
      return new ApiError(400, 'request_aborted', 'The request was aborted by the client.');
    default:
      return null;
  }
}

/**
 * Express, the router and `serve-static` raise `http-errors` for bad paths
 * (malformed percent-encoding, `..` tricks): a 4xx with `expose`, never a 500.
 */
function fromClientHttpError(err: unknown): ApiError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { status, statusCode, expose } = err as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : null;
  if (code === null || code < 400 || code >= 500 || expose === false) return null;
  if (code === 404) return notFound('No such endpoint.');
  return new ApiError(
    code,
    code === 403 ? 'forbidden' : code === 405 ? 'method_not_allowed' : 'bad_request',
    'The request could not be understood.',
  );
}

const STORE_DOWN: UpstreamFailure = {
  code: 'store_unavailable',
  status: 503,
  message: 'Conversation storage is unavailable right now. Please try again shortly.',
  retryable: true,
  retryAfter: 2,
};

/**
 * The one place that names an outage of something Aisle depends on (the shared
 * store, OpenAI): the same code, status and message whether it ends a stream as
 * an `error` event or a request as a JSON answer. Null for anything else.
 */
export function outageOf(err: unknown): UpstreamFailure | null {
  if (err instanceof StoreUnavailableError) return STORE_DOWN;
  return classifyUpstreamError(err);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const parsed = fromBodyParser(err);
  if (parsed) return parsed;
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return new ApiError(400, 'bad_request', `${where}${first?.message ?? 'invalid request'}`);
  }
  const client = fromClientHttpError(err);
  if (client) return client;
  const upstream = outageOf(err);
  if (upstream) {
    return new ApiError(upstream.status, upstream.code, upstream.message, { retryAfter: upstream.retryAfter });
  }
  return new ApiError(500, 'internal', 'Something went wrong on our side. Please try again.');
}

/** The one error middleware: JSON `{error:{code,message}}` with the right status. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) logger.error({ err, reqId: req.id, path: req.path }, 'request failed');
    else logger.info({ code: apiError.code, reqId: req.id, path: req.path }, 'request rejected');
    if (res.headersSent) {
      // A stream already started: its own code sends the error event; just end it.
      res.end();
      return void next;
    }
    if (apiError.extra.retryAfter !== undefined) res.setHeader('Retry-After', String(apiError.extra.retryAfter));
    res.status(apiError.status).json({
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.extra.retryAfter !== undefined ? { retry_after: apiError.extra.retryAfter } : {}),
      },
    });
  };
}
