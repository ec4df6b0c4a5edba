/**
 * Progress of the running sync, mirrored to the store (throttled) so that
 * `GET /api/sync/status` and a 409 answer on any instance can show it.
 */
import type { KeyValueStore } from '../store/types';
import { getJson, setJson } from '../store/types';
import { SYNC_KEYS } from './state';

export const SYNC_PHASES = ['starting', 'cleanup', 'reading', 'uploading', 'swapping', 'done', 'failed'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];
export type SyncMode = 'full' | 'incremental';

export interface SyncProgress {
  sync_id: string;
  mode: SyncMode;
  trigger: string;
  phase: SyncPhase;
  started_at: string;
  updated_at: string;
  pages_read: number;
  pages_total: number | null;
  products_read: number;
  shards_total: number | null;
  shards_to_upload: number | null;
  shards_uploaded: number;
}

export interface LastOutcome {
  at: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

export interface ProgressReporter {
  readonly current: SyncProgress;
  update(patch: Partial<SyncProgress>, options?: { flush?: boolean }): void;
  flush(): Promise<void>;
}

export function createProgressReporter(input: {
  store: KeyValueStore;
  syncId: string;
  mode: SyncMode;
  trigger: string;
  throttleMs?: number;
  onChange?: (progress: SyncProgress) => void;
}): ProgressReporter {
  const now = () => new Date().toISOString();
  const current: SyncProgress = {
    sync_id: input.syncId,
    mode: input.mode,
    trigger: input.trigger,
    phase: 'starting',
    started_at: now(),
    updated_at: now(),
    pages_read: 0,
    pages_total: null,
    products_read: 0,
    shards_total: null,
    shards_to_upload: null,
    shards_uploaded: 0,
  };
  const throttleMs = input.throttleMs ?? 250;
  let lastWrite = 0;
  let trailing: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    if (trailing) clearTimeout(trailing);
    trailing = null;
    lastWrite = Date.now();
    const snapshot = { ...current };
    // Chained so writes land in order; a failed progress write never fails the sync.
    writing = writing.then(() => setJson(input.store, SYNC_KEYS.progress, snapshot).catch(() => undefined));
    return writing;
  };
  return {
    current,
    update(patch, options) {
      Object.assign(current, patch, { updated_at: now() });
      input.onChange?.({ ...current });
      const wait = throttleMs - (Date.now() - lastWrite);
      if (options?.flush || wait <= 0) void write();
      // Throttled: the newest state still lands once the interval has passed, so a status page
      // never shows a count that is a whole page behind while the next page is slow.
      else if (!trailing) {
        trailing = setTimeout(() => void write(), wait);
        trailing.unref();
      }
    },
    flush: write,
  };
}

export const readProgress = (store: KeyValueStore) => getJson<SyncProgress>(store, SYNC_KEYS.progress);
export const readLastOutcome = (store: KeyValueStore) => getJson<LastOutcome>(store, SYNC_KEYS.lastResult);
export const writeLastOutcome = (store: KeyValueStore, outcome: LastOutcome) => setJson(store, SYNC_KEYS.lastResult, outcome);
