/**
 * The end of a run: the swap (new state as one key, written last, then the
 * replaced files and shard items retired), the rollback of a failed run, and the
 * cleanup of what a crashed run left. Removals are best effort: what cannot be
 * removed now stays pending (files) or unnamed by the state (items), and the
 * next run removes it.
 */
import { SyncError } from './errors';
import { mapLimited } from './limiter';
import type { EngineCore, RunContext } from './run-context';
import type { CommittedShard, SyncState } from './state';

/** Best effort: shard items no committed state refers to are only wasted space, and the next run retries. */
export async function pruneShardItems(core: EngineCore, state: SyncState | null, when: string): Promise<void> {
  try {
    const removed = await core.states.pruneShards(state?.shards ?? {});
    if (removed.length > 0) core.logger.debug({ keys: removed.length, when }, 'sync removed unreferenced shard items');
  } catch (error) {
    core.logger.warn({ err: error, when }, 'sync could not remove unreferenced shard items yet; the next run will');
  }
}

/**
 * What a run that died between upload and commit left: pending files and shard items the committed
 * state does not use. Both are deleted before anything else happens.
 */
export async function cleanupOrphans(core: EngineCore, state: SyncState | null, vectorStoreId: string | null): Promise<void> {
  const { states, logger } = core;
  await pruneShardItems(core, state, 'cleanup');
  const pending = await states.readPending();
  if (pending.length === 0) return;
  const live = new Set(Object.values(state?.shards ?? {}).map((s) => s.fileId));
  const done: string[] = [];
  for (const file of pending) {
    if (live.has(file.fileId)) {
      done.push(file.fileId);
      continue;
    }
    try {
      await core.deps.vectorStore.removeFile(file.vectorStoreId ?? vectorStoreId ?? '', file.fileId);
      done.push(file.fileId);
      logger.info({ fileId: file.fileId, shard: file.shard }, 'sync removed an orphaned catalog file');
    } catch (error) {
      logger.warn({ err: error, fileId: file.fileId }, 'sync could not remove an orphaned file yet; will retry next run');
    }
  }
  await states.removePending(done);
}

/** Best effort: files that cannot be removed now stay pending and the next run removes them. */
export async function discard(core: EngineCore, vectorStoreId: string, fileIds: string[]): Promise<void> {
  const removedIds: string[] = [];
  await mapLimited(fileIds, core.settings.uploadConcurrency, async (fileId) => {
    try {
      await core.deps.vectorStore.removeFile(vectorStoreId, fileId);
      removedIds.push(fileId);
    } catch (error) {
      core.logger.warn({ err: error, fileId }, 'sync could not remove a catalog file yet; the next run will');
    }
  });
  await core.states.removePending(removedIds);
}

export async function clearMarks(core: EngineCore, marks: Array<{ key: string; value: string }>): Promise<void> {
  // deleteIfEquals: a change notice that marked the product again during the run keeps its mark.
  await Promise.all(marks.map((m) => core.deps.store.deleteIfEquals(m.key, m.value)));
}

/** Undo a failed run: wait for uploads in flight, delete their files and the shard items this run wrote. */
export async function rollback(core: EngineCore, ctx: RunContext): Promise<void> {
  await ctx.uploader.settle();
  await discard(core, ctx.vectorStoreId, [...ctx.uploaded.values()]);
  await pruneShardItems(core, ctx.stateRaw, 'rollback');
}

/** Swap: write the new state (one key, last), then retire the files and shard items it replaced. */
export async function commit(
  core: EngineCore,
  ctx: RunContext,
  summary: { hash: string; productsCount: number; removed: string[] },
  readStartedAt: string,
): Promise<void> {
  const { states, deps, logger } = core;
  ctx.request.progress.update({ phase: 'swapping' }, { flush: true });
  const shards: Record<string, CommittedShard> = {};
  for (const [key, build] of ctx.builds) {
    const fileId = ctx.uploaded.get(key) ?? ctx.committed[key]?.fileId;
    if (!fileId) throw new SyncError('sync_failed', `Shard ${key} has no uploaded file.`, 500);
    shards[key] = { hash: build.hash, fileId, count: build.count };
  }
  // After a shard-size change the old state could not be diffed, but its files live in this same store.
  const { stateRaw, state, vectorStoreId } = ctx;
  const resharded =
    stateRaw && !state && stateRaw.vectorStoreId === vectorStoreId ? Object.values(stateRaw.shards).map((s) => s.fileId) : [];
  const replaced = [
    ...[...ctx.uploaded.keys()].map((key) => ctx.committed[key]?.fileId),
    ...summary.removed.map((key) => ctx.committed[key]?.fileId),
    ...resharded,
    ...ctx.lostFiles,
  ].filter((id): id is string => Boolean(id));
  for (const fileId of replaced)
    await states.addPending({ fileId, shard: 'replaced', vectorStoreId, at: new Date().toISOString() });
  const next: SyncState = {
    hash: summary.hash,
    vectorStoreId,
    language: ctx.language ?? 'en',
    shardSize: core.settings.shardSize,
    shards,
    productsCount: summary.productsCount,
    readStartedAt,
    finishedAt: new Date().toISOString(),
  };
  await states.writeState(next);
  await states.removePending([...ctx.uploaded.values()]);
  await pruneShardItems(core, next, 'commit');
  await discard(core, vectorStoreId, replaced);
  await clearMarks(core, ctx.dirtyMarks);
  const changed = ctx.changed.target();
  if (deps.products && changed !== null) {
    await deps.products
      .invalidate(changed)
      .catch((err: unknown) => logger.warn({ err }, 'sync could not invalidate product cards'));
  }
}
