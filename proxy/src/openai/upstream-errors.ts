import OpenAI from 'openai';
import type { ChatErrorCode } from '../contract/events';

export interface UpstreamFailure {
  code: ChatErrorCode;
  status: number;
  message: string;
  retryable: boolean;
  retryAfter?: number;
}

/** An `error` or `response.failed` event inside an otherwise healthy stream. */
export class UpstreamStreamError extends Error {
  constructor(
    readonly upstreamCode: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamStreamError';
  }
}

/** The stream ended without `response.completed` (the connection was cut). */
export class UpstreamIncompleteError extends Error {
  constructor(message = 'The answer was cut off.') {
    super(message);
    this.name = 'UpstreamIncompleteError';
  }
}

function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached']);

/**
 * Classify an OpenAI failure by the SDK's error classes (never by message text).
 * Messages are for shoppers: they never carry upstream details or keys.
 */
export function classifyUpstreamError(err: unknown): UpstreamFailure | null {
  if (err instanceof OpenAI.APIUserAbortError) {
    return { code: 'upstream_error', status: 499, message: 'The request was cancelled.', retryable: true };
  }
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      code: 'upstream_timeout',
      status: 504,
      message: 'The assistant took too long to answer. Please try again.',
      retryable: true,
    };
  }
  if (err instanceof OpenAI.APIConnectionError) {
    return {
      code: 'upstream_unavailable',
      status: 503,
      message: 'The assistant is unreachable right now. Please try again shortly.',
      retryable: true,
    };
  }
  if (err instanceof OpenAI.RateLimitError) {
    const retryAfter = retryAfterSeconds(err.headers);
    if (err.code && QUOTA_CODES.has(err.code)) {
      return {
        code: 'upstream_rate_limited',
        status: 503,
        message: 'The assistant is resting for now. Please try again later.',
        retryable: false,
      };
    }
    return {
      code: 'upstream_rate_limited',
      status: 503,
      message: 'The assistant is busy. Please try again in a moment.',
      retryable: true,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    };
  }
  if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError) {
    return {
      code: 'upstream_auth',
      status: 502,
      message: 'The assistant is not set up correctly. The store has been told.',
      retryable: false,
    };
  }
  if (
    err instanceof OpenAI.NotFoundError ||
    err instanceof OpenAI.BadRequestError ||
    err instanceof OpenAI.UnprocessableEntityError
  ) {
    return { code: 'upstream_error', status: 502, message: 'The assistant could not answer this message.', retryable: false };
  }
  if (err instanceof OpenAI.InternalServerError) {
    return {
      code: 'upstream_unavailable',
      status: 503,
      message: 'The assistant is having trouble right now. Please try again.',
      retryable: true,
    };
  }
  if (err instanceof OpenAI.APIError && err.status !== undefined) {
    return { code: 'upstream_error', status: 502, message: 'The assistant could not answer right now.', retryable: true };
  }
  // The SDK raises an `event: error` inside a stream as an APIError without a status.
  if (err instanceof UpstreamStreamError || err instanceof OpenAI.APIError) {
    const upstreamCode = err instanceof UpstreamStreamError ? err.upstreamCode : (err.code ?? null);
    const quota = upstreamCode !== null && QUOTA_CODES.has(upstreamCode);
    return {
      code: quota ? 'upstream_rate_limited' : 'upstream_error',
      status: 502,
      message: quota
        ? 'The assistant is resting for now. Please try again later.'
        : 'The assistant stopped unexpectedly. Please try again.',
      retryable: !quota,
    };
  }
  if (err instanceof UpstreamIncompleteError) {
    return { code: 'upstream_unavailable', status: 502, message: 'The answer was cut off. Please try again.', retryable: true };
  }
  return null;
}
