import OpenAI from 'openai';
import { isWooError } from '../woo/errors';

/**
 * Why a sync failed, in words a store owner can act on. `source` says which
 * side failed; `status` is the HTTP status the sync routes answer with.
 */
export type SyncErrorCode =
  | 'sync_busy'
  | 'woocommerce_error'
  | 'openai_error'
  | 'indexing_failed'
  | 'not_configured'
  | 'lock_lost'
  | 'sync_failed'
  /** The vector store set for this store (not one the sync created) is gone at OpenAI. */
  | 'vector_store_missing'
  /** notifyChanges got something that is not a list of product ids. */
  | 'invalid_changes';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status: number,
    options: { cause?: unknown; progress?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.progress = options.progress;
  }
  readonly progress: unknown;
}

export function isSyncError(value: unknown): value is SyncError {
  return value instanceof SyncError;
}

/** Any failure → a SyncError: WooCommerce and OpenAI failures are upstream (502), the rest internal (500). */
export function toSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  if (isWooError(error)) {
    return new SyncError('woocommerce_error', `Reading the catalog from WooCommerce failed: ${error.message}`, 502, {
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError) {
    const what = error.status ? `HTTP ${error.status}` : 'no answer';
    const detail = error.message.replace(/\s+/g, ' ').slice(0, 300);
    return new SyncError('openai_error', `Uploading the catalog to OpenAI failed (${what}): ${detail}`, 502, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError('sync_failed', `The sync failed: ${message}`, 500, { cause: error });
}
