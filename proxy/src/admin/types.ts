/**
 * What the WordPress settings screen shows about catalog sync. The proxy's sync
 * module adapts its own state to this shape in the `getSyncStatus` dependency of
 * `createAdminRouter`; the plugin's progress bar reads exactly these fields.
 */
import type { SyncPhase } from '../sync/progress';

export interface AdminSyncStatus {
  state: 'idle' | 'running' | 'succeeded' | 'failed';
  /**
   * While running: `done`/`total` count pages read, then catalog files uploaded (when known). The
   * rest names the step and its counts (SyncProgress in proxy/src/sync/progress.ts); older plugins ignore it.
   */
  progress: {
    done: number;
    total: number | null;
    phase?: SyncPhase;
    pages_read?: number;
    pages_total?: number | null;
    products_read?: number;
    shards_uploaded?: number;
    shards_to_upload?: number | null;
  } | null;
  /** The last finished sync. */
  last: { ok: boolean; finished_at: string; message: string; products?: number } | null;
}

export interface AdminSyncStart {
  /** False when a sync was already running (the call then changed nothing). */
  started: boolean;
  status: AdminSyncStatus;
}

/**
 * One line of "Test connection", e.g. { name: 'openai', ok: false, code: 'openai_key_refused', message: '…' }.
 * The plugin translates `code` into the owner's language; `message` is the English fallback.
 */
export interface AdminCheck {
  name: 'signature' | 'config' | 'openai' | 'model' | 'woocommerce' | 'updates' | 'catalog';
  ok: boolean;
  code?: AdminCheckCode;
  message: string;
  details?: Record<string, unknown>;
}

export type AdminCheckCode =
  | 'ok'
  | 'config_unreadable'
  | 'openai_key_missing'
  | 'openai_key_refused'
  | 'openai_unreachable'
  | 'model_missing'
  | 'woo_keys_missing'
  | 'woo_key_refused'
  | 'woo_unreachable'
  | 'woo_no_products'
  | 'updates_none_yet'
  | 'catalog_not_synced'
  | 'catalog_missing';
