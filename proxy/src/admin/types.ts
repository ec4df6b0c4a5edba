/**
 * What the WordPress settings screen shows about catalog sync. The proxy's sync
 * module adapts its own state to this shape in the `getSyncStatus` dependency of
 * `createAdminRouter`; the plugin's progress bar reads exactly these fields.
 */
export interface AdminSyncStatus {
  state: 'idle' | 'running' | 'succeeded' | 'failed';
  /** While running: products done and, when known, the total. */
  progress: { done: number; total: number | null } | null;
  /** The last finished sync. */
  last: { ok: boolean; finished_at: string; message: string; products?: number } | null;
}

export interface AdminSyncStart {
  /** False when a sync was already running (the call then changed nothing). */
  started: boolean;
  status: AdminSyncStatus;
}

/** One line of "Test connection", e.g. { name: 'openai', ok: true, message: 'The key works.' }. */
export interface AdminCheck {
  name: string;
  ok: boolean;
  message: string;
}
