/**
 * The sync service: one entry point for routes, webhooks, the CLI and the
 * queue worker. `start` takes the store lock first, so a concurrent caller on
 * any instance gets a 409 with the running sync's progress and never a second
 * upload. Without a queue the run happens in this process; with one, a BullMQ
 * worker (here or in `npm run sync:worker`) runs it under the same lock.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeyValueStore } from '../store/types';
import { createSyncEngine, type SyncEngineDeps, type SyncSuccess } from './engine';
import { SyncError, toSyncError } from './errors';
import { keepLockAlive, releaseSyncLock, tryAcquireSyncLock, isLockHeld } from './lock';
import {
  createProgressReporter,
  readLastOutcome,
  readProgress,
  writeLastOutcome,
  type SyncMode,
  type SyncProgress,
} from './progress';
import { catalogHealth, type CatalogHealth } from './health';
import { SYNC_KEYS } from './state';
import { createSyncDebouncer, markDirty } from './webhook';

export interface SyncJobData {
  token: string;
  mode: SyncMode;
  trigger: string;
}

/** Runs a job elsewhere (BullMQ) and resolves with its result. */
export interface SyncJobQueue {
  /** The BullMQ queue name, for starting a worker on the same queue. */
  readonly name: string;
  runJob(data: SyncJobData): Promise<SyncSuccess>;
  close(): Promise<void>;
}

export interface SyncServiceDeps extends SyncEngineDeps {
  logger: Logger;
  lockTtlMs: number;
  /** Quiet time after the last change notice before the incremental sync starts (AISLE_SYNC_DEBOUNCE_MS). Default 5000. */
  debounceMs?: number;
  queue?: SyncJobQueue;
  /** Progress callback for the CLI's progress bar. */
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Runs under the same lock once the catalog is committed (or unchanged), with the vector store it used:
   * the store's own documents (policies, shipping) follow the catalog into the same vector store. Its
   * failure is reported in the result and logged; the committed catalog stays.
   */
  afterCatalog?: AfterCatalog;
}

export type AfterCatalog = (run: {
  vectorStoreId: string;
  vectorStore: SyncEngineDeps['vectorStore'];
  assertLockHeld: () => void;
}) => Promise<Record<string, unknown>>;

export interface SyncStatus {
  running: boolean;
  progress: SyncProgress | null;
  last_result: unknown;
  last_error: { code: string; message: string; at: string } | null;
  last_success_at: string | null;
}

/** Products that changed or were deleted in WooCommerce (ids of products, not variations). */
export interface CatalogChanges {
  productIds?: readonly number[];
  deletedIds?: readonly number[];
}

export interface ChangesQueued {
  /** True when at least one id was given and an incremental sync is scheduled. */
  queued: boolean;
  product_ids: number[];
  deleted_ids: number[];
}

function validIds(ids: readonly number[] | undefined, what: string): number[] {
  const list = [...new Set(ids ?? [])];
  const bad = list.find((id) => !Number.isSafeInteger(id) || id <= 0);
  if (bad !== undefined)
    throw new SyncError('invalid_changes', `${what} must hold positive integer product ids (got ${String(bad)}).`, 400);
  return list;
}

export function createSyncService(deps: SyncServiceDeps) {
  const engine = createSyncEngine(deps);
  const store: KeyValueStore = deps.store;

  /** The body of a sync once the lock with `token` is held; releases the lock whatever happens. */
  async function runLocked(data: SyncJobData, onProgress?: (p: SyncProgress) => void): Promise<SyncSuccess> {
    const log = deps.logger.child({ syncId: data.token, mode: data.mode, trigger: data.trigger });
    const keeper = keepLockAlive(store, data.token, deps.lockTtlMs);
    const progress = createProgressReporter({
      store,
      syncId: data.token,
      mode: data.mode,
      trigger: data.trigger,
      onChange: onProgress ?? deps.onProgress,
    });
    try {
      if ((await store.get(SYNC_KEYS.lock)) !== data.token) {
        throw new SyncError('lock_lost', 'The sync lock expired before the job started; start the sync again.', 409);
      }
      log.info('catalog sync started');
      const assertLockHeld = () => {
        if (keeper.lost())
          throw new SyncError(
            'lock_lost',
            'Another sync took over the lock (this run outlived its lock TTL); nothing was committed.',
            409,
          );
      };
      const result = await engine.run({ mode: data.mode, progress, assertLockHeld });
      if (deps.afterCatalog) {
        result.facts = await deps
          .afterCatalog({ vectorStoreId: result.vector_store_id, vectorStore: deps.vectorStore, assertLockHeld })
          .catch((error: unknown) => {
            log.warn({ err: error }, 'the store documents did not sync; the catalog did');
            return { error: toSyncError(error).message };
          });
      }
      progress.update({ phase: 'done' }, { flush: true });
      await writeLastOutcome(store, { at: new Date().toISOString(), ok: true, result });
      log.info(
        {
          status: result.status,
          hash: result.hash,
          products: result.products_count,
          uploaded: result.shards_uploaded,
          durationMs: result.duration_ms,
        },
        'catalog sync finished',
      );
      return result;
    } catch (error) {
      const syncError = toSyncError(error);
      progress.update({ phase: 'failed' }, { flush: true });
      await writeLastOutcome(store, {
        at: new Date().toISOString(),
        ok: false,
        error: { code: syncError.code, message: syncError.message },
      }).catch(() => undefined);
      log.error({ err: error, code: syncError.code }, `catalog sync failed: ${syncError.message}`);
      throw syncError;
    } finally {
      keeper.stop();
      await progress.flush();
      await releaseSyncLock(store, data.token).catch(() => undefined);
    }
  }

  async function start(
    input: { mode?: SyncMode; trigger?: string; onProgress?: (p: SyncProgress) => void } = {},
  ): Promise<SyncSuccess> {
    const token = randomUUID();
    const lock = await tryAcquireSyncLock(store, deps.lockTtlMs, token);
    if (!lock) {
      const progress = await readProgress(store);
      throw new SyncError('sync_busy', 'A catalog sync is already running; try again when it has finished.', 409, { progress });
    }
    const data: SyncJobData = { token, mode: input.mode ?? 'full', trigger: input.trigger ?? 'api' };
    // At once, so a caller refused with 409 right after sees this run's progress, not none (or the last run's).
    await createProgressReporter({ store, syncId: token, mode: data.mode, trigger: data.trigger }).flush();
    if (!deps.queue) return runLocked(data, input.onProgress);
    try {
      return await deps.queue.runJob(data);
    } catch (error) {
      // The worker releases the lock when it ran the job; if enqueueing failed, nobody else will.
      await lock.release().catch(() => undefined);
      throw toSyncError(error);
    }
  }

  async function status(): Promise<SyncStatus> {
    const [running, progress, last] = await Promise.all([isLockHeld(store), readProgress(store), readLastOutcome(store)]);
    const state = await store.get(SYNC_KEYS.state);
    const lastSuccessAt = state ? ((JSON.parse(state) as { finishedAt?: string }).finishedAt ?? null) : null;
    return {
      running,
      progress,
      last_result: last?.ok ? (last.result ?? null) : null,
      last_error: last && !last.ok && last.error ? { ...last.error, at: last.at } : null,
      last_success_at: lastSuccessAt,
    };
  }

  const debouncer = createSyncDebouncer({
    delayMs: deps.debounceMs ?? 5000,
    run: () => start({ mode: 'incremental', trigger: 'changes' }),
    logger: deps.logger,
  });

  /**
   * Records changed and deleted products (marks in the store, so another instance's or a later sync sees
   * them too), drops their product cards, and schedules one incremental sync `debounceMs` after the last
   * call. Used by the WooCommerce webhook and by the plugin's change notices.
   */
  async function notifyChanges(changes: CatalogChanges): Promise<ChangesQueued> {
    const deleted = validIds(changes.deletedIds, 'deletedIds');
    const gone = new Set(deleted);
    const changed = validIds(changes.productIds, 'productIds').filter((id) => !gone.has(id));
    if (changed.length + deleted.length === 0) return { queued: false, product_ids: [], deleted_ids: [] };
    for (const id of changed) await markDirty(store, { kind: 'changed', id });
    for (const id of deleted) await markDirty(store, { kind: 'deleted', id });
    await store.set(SYNC_KEYS.lastChangeAt, new Date().toISOString());
    await deps.products
      ?.invalidate([...changed, ...deleted])
      .catch((err: unknown) => deps.logger.warn({ err }, 'could not invalidate the cards of changed products'));
    debouncer.schedule();
    return { queued: true, product_ids: changed, deleted_ids: deleted };
  }

  return {
    start,
    runLocked,
    status,
    notifyChanges,
    /** What the vector store holds now, for "Test connection" and the status screen. */
    health: (): Promise<CatalogHealth> =>
      catalogHealth({
        store,
        vectorStore: deps.vectorStore,
        ...(deps.settings.vectorStoreId ? { vectorStoreId: deps.settings.vectorStoreId } : {}),
      }),
    /** The debounced incremental sync behind notifyChanges (tests and shutdown wait on it). */
    debouncer,
    /** Stops a scheduled sync and waits for one it started. */
    async close(): Promise<void> {
      debouncer.cancel();
      await debouncer.idle();
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
