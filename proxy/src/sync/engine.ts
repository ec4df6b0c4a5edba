/**
 * One catalog sync, start to finish:
 *   cleanup → read → build → hash → upload changed shards → commit → remove replaced files.
 * A full sync uploads each changed shard as soon as its ID range is read and then
 * drops its items, so memory stays bounded whatever the catalog size.
 * Nothing the assistant uses changes before every new shard is indexed
 * (`completed`); the committed state is written last, so any failure before it
 * leaves the previous catalog live and the previous hash stored, and the run
 * removes the files and shard items it wrote.
 *
 * The stages live beside this file: read-full.ts, read-incremental.ts, build.ts, commit.ts.
 */
import { clearMarks, cleanupOrphans, commit, rollback } from './commit';
import { toSyncError } from './errors';
import { createLimiter } from './limiter';
import type { SyncMode } from './progress';
import { readFull } from './read-full';
import { readIncremental } from './read-incremental';
import {
  createChangedProducts,
  type EngineCore,
  type RunContext,
  type SyncEngineDeps,
  type SyncRequest,
  type SyncSuccess,
} from './run-context';
import { catalogHash, shardDocument, shardFileName } from './shards';
import { resolveRemote, servedShards } from './remote';
import { createSyncStateStore } from './state';
import { createBestEffortCalls, createShardUploader, type ShardToUpload } from './uploader';

export type { ProductCardCache, SyncEngineDeps, SyncRequest, SyncSuccess } from './run-context';

/** rememberVariations calls in flight before reading waits for one: a slow cache must not pile up memory. */
const REMEMBER_VARIATIONS_IN_FLIGHT = 64;

export function createSyncEngine(deps: SyncEngineDeps) {
  const states = createSyncStateStore(deps.store);
  const { settings, logger } = deps;
  const core: EngineCore = { deps, states, settings, logger };

  /** Uploads one shard: items stored (hash-addressed), file uploaded, recorded pending, attached, indexed. */
  async function uploadShard(ctx: RunContext, shard: ShardToUpload): Promise<void> {
    ctx.request.assertLockHeld?.();
    // Written before the upload so that an uploaded file always has its items; the committed state
    // still points at the previous hash, so this never changes what incremental runs or chat read.
    await states.writeShard(shard.key, { hash: shard.hash, items: shard.items });
    const fileId = await deps.vectorStore.uploadShard({
      vectorStoreId: ctx.vectorStoreId,
      shard: shard.key,
      hash: shard.hash,
      fileName: shardFileName(shard.key),
      content: shardDocument(shard.key, shard.items),
      onUploaded: async (id) => {
        ctx.uploaded.set(shard.key, id);
        await states.addPending({ fileId: id, shard: shard.key, vectorStoreId: ctx.vectorStoreId, at: new Date().toISOString() });
      },
    });
    if (ctx.mode === 'full') for (const item of shard.items) ctx.changed.add(item.id);
    ctx.request.progress.update({ shards_uploaded: ctx.uploaded.size });
    logger.debug({ shard: shard.key, fileId }, 'sync uploaded a shard');
  }

  async function run(request: SyncRequest): Promise<SyncSuccess> {
    const startedAt = Date.now();
    const readStartedAt = new Date(startedAt).toISOString();
    const { progress } = request;
    const stateRaw = await states.readState();
    progress.update({ phase: 'cleanup' }, { flush: true });
    const { vectorStoreId, served, lostFiles } = await resolveRemote(core, stateRaw);
    await cleanupOrphans(core, stateRaw, vectorStoreId);
    // A state for another vector store or another shard size cannot be diffed against: start over.
    const state =
      stateRaw && stateRaw.vectorStoreId === vectorStoreId && stateRaw.shardSize === settings.shardSize ? stateRaw : null;
    // Shards whose file the store lost are not committed any more: a full read uploads them again.
    const { kept, missing } = state ? servedShards(state, served) : { kept: {}, missing: [] };
    if (missing.length > 0) logger.warn({ shards: missing }, 'the vector store lost catalog files; uploading those shards again');
    const mode: SyncMode = request.mode === 'incremental' && state && missing.length === 0 ? 'incremental' : 'full';
    if (mode !== request.mode) progress.update({ mode });

    const uploader = createShardUploader({
      concurrency: settings.uploadConcurrency,
      // As many shards may wait as upload at once: enough to keep uploads busy, few enough to bound memory.
      maxWaiting: settings.uploadConcurrency,
      upload: (shard) => uploadShard(ctx, shard),
    });
    const ctx: RunContext = {
      request,
      mode,
      stateRaw,
      state,
      committed: kept,
      vectorStoreId,
      lostFiles,
      language: state?.language ?? (settings.labels === 'auto' ? null : settings.labels),
      builds: new Map(),
      uploaded: new Map(),
      changed: createChangedProducts(),
      productsRead: 0,
      dirtyMarks: [],
      uploader,
      variationLimit: createLimiter(settings.pageConcurrency),
      bulkVariations: true,
      remember: createBestEffortCalls(REMEMBER_VARIATIONS_IN_FLIGHT, (err) =>
        logger.warn({ err }, 'sync could not hand variations to the product card cache'),
      ),
    };
    try {
      return await readUploadCommit(ctx, startedAt, readStartedAt);
    } finally {
      await ctx.remember.idle();
    }
  }

  async function readUploadCommit(ctx: RunContext, startedAt: number, readStartedAt: string): Promise<SyncSuccess> {
    const { progress } = ctx.request;
    progress.update({ phase: 'reading' }, { flush: true });
    try {
      if (ctx.mode === 'full') await readFull(core, ctx);
      else await readIncremental(core, ctx);
      progress.update({ phase: 'uploading' }, { flush: true });
      await ctx.uploader.drain();
      ctx.request.assertLockHeld?.();
    } catch (error) {
      await rollback(core, ctx);
      throw toSyncError(error);
    }

    // Empty shards are not uploaded: they are removed like shards whose range vanished.
    for (const [key, build] of ctx.builds) if (build.count === 0) ctx.builds.delete(key);
    const hash = catalogHash(Object.fromEntries(ctx.builds));
    const removed = Object.keys(ctx.committed).filter((key) => !ctx.builds.has(key));
    const summary = {
      hash,
      productsCount: [...ctx.builds.values()].reduce((sum, b) => sum + b.count, 0),
      removed,
      kept: ctx.builds.size - ctx.uploaded.size,
    };
    progress.update({ shards_total: ctx.builds.size, shards_to_upload: ctx.uploaded.size }, { flush: true });
    const finish = (status: 'success' | 'skipped'): SyncSuccess => ({
      status,
      message: status === 'skipped' ? 'Catalog unchanged since last sync' : 'Catalog synced successfully',
      skipped: status === 'skipped',
      hash,
      products_count: summary.productsCount,
      vector_store_id: ctx.vectorStoreId,
      mode: ctx.mode,
      shards_total: ctx.builds.size,
      shards_uploaded: ctx.uploaded.size,
      shards_kept: summary.kept,
      shards_removed: status === 'skipped' ? 0 : removed.length,
      duration_ms: Date.now() - startedAt,
    });

    // A changed shard makes the catalog hash differ, so a matching hash means nothing was uploaded.
    if (ctx.state && ctx.state.hash === hash && ctx.uploaded.size === 0 && removed.length === 0) {
      // Unchanged: move the incremental cursor forward and forget handled change marks.
      await states.writeState({ ...ctx.state, readStartedAt, finishedAt: new Date().toISOString() });
      await clearMarks(core, ctx.dirtyMarks);
      return finish('skipped');
    }
    await commit(core, ctx, summary, readStartedAt);
    return finish('success');
  }

  return { run };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
