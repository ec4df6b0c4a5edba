import { z } from 'zod';

/**
 * Settings of catalog sync. `syncSettingsFromEnv` validates them with this local
 * schema, so the sync CLI and the worker can start without the proxy's whole config.
 */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const int = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const optionalSecret = z.preprocess(
  emptyToUndefined,
  z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
);

export const syncEnvSchema = z.object({
  /** Bearer secret for GET/POST /api/sync and /api/sync/status; open when unset. */
  AISLE_SYNC_SECRET: optionalSecret,
  /** WooCommerce webhook secret (WooCommerce → Settings → Advanced → Webhooks). Webhooks are refused when unset. */
  WOO_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
  /** Product pages read at the same time. */
  AISLE_SYNC_CONCURRENCY: int(1, 16, 4),
  /** Width of one shard's WooCommerce ID range: products with ids [k·N, (k+1)·N) share a file. */
  AISLE_SYNC_SHARD_SIZE: int(50, 100_000, 1000),
  /** Shards uploaded to OpenAI at the same time. */
  AISLE_SYNC_UPLOAD_CONCURRENCY: int(1, 16, 4),
  /** Quiet time after the last webhook before the incremental sync starts. */
  AISLE_SYNC_DEBOUNCE_MS: int(0, 600_000, 5000),
  /** Lock time-to-live; the running sync refreshes it, so it only matters when a process dies. */
  AISLE_SYNC_LOCK_TTL_MS: int(10_000, 3_600_000, 120_000),
  /** Longest wait for one vector-store file to finish indexing. */
  AISLE_SYNC_INDEX_TIMEOUT_MS: int(1000, 3_600_000, 600_000),
  /** Largest webhook body accepted (HTTP 413 above). */
  AISLE_WEBHOOK_MAX_BYTES: int(1024, 10_485_760, 1_048_576),
  /** Labels of the catalog document: `auto` (Hebrew when most names are Hebrew), `he` or `en`. */
  AISLE_SYNC_LABELS: z.preprocess(emptyToUndefined, z.enum(['auto', 'he', 'en']).default('auto')),
  /** `inline` runs syncs in the proxy process; `queue` only enqueues (a separate `npm run sync:worker` runs them). Needs REDIS_URL for `queue`. */
  AISLE_SYNC_WORKER: z.preprocess(emptyToUndefined, z.enum(['inline', 'queue']).default('inline')),
});

export type SyncEnv = z.infer<typeof syncEnvSchema>;

/** What the sync engine and routes need, in code-friendly names. */
export interface SyncSettings {
  syncSecret?: string;
  webhookSecret?: string;
  pageConcurrency: number;
  shardSize: number;
  uploadConcurrency: number;
  debounceMs: number;
  lockTtlMs: number;
  indexTimeoutMs: number;
  webhookMaxBytes: number;
  labels: 'auto' | 'he' | 'en';
}

/**
 * Settings shared by every store's sync. The vector store is not one of them: it is per store
 * (`CatalogSyncDeps.vectorStoreId`), so OPENAI_VECTOR_STORE_ID is passed only for the store it belongs to.
 */
export function syncSettingsFromEnv(env: SyncEnv): SyncSettings {
  return {
    ...(env.AISLE_SYNC_SECRET ? { syncSecret: env.AISLE_SYNC_SECRET } : {}),
    ...(env.WOO_WEBHOOK_SECRET ? { webhookSecret: env.WOO_WEBHOOK_SECRET } : {}),
    pageConcurrency: env.AISLE_SYNC_CONCURRENCY,
    shardSize: env.AISLE_SYNC_SHARD_SIZE,
    uploadConcurrency: env.AISLE_SYNC_UPLOAD_CONCURRENCY,
    debounceMs: env.AISLE_SYNC_DEBOUNCE_MS,
    lockTtlMs: env.AISLE_SYNC_LOCK_TTL_MS,
    indexTimeoutMs: env.AISLE_SYNC_INDEX_TIMEOUT_MS,
    webhookMaxBytes: env.AISLE_WEBHOOK_MAX_BYTES,
    labels: env.AISLE_SYNC_LABELS,
  };
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = syncSettingsFromEnv(syncEnvSchema.parse({}));
