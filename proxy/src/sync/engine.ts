/**
 * One catalog sync, start to finish:
 *   cleanup → read → build → hash → upload changed shards → commit → remove replaced files.
 * Nothing the assistant uses changes before every new shard is indexed
 * (`completed`); the committed state is written last, so any failure before it
 * leaves the previous catalog live and the previous hash stored.
 */
import type { Logger } from 'pino';
import type { KeyValueStore } from '../store/types';
import type { WooClient } from '../woo/client';
import type { WooProduct, WooVariation } from '../woo/schemas';
import { buildCatalogItem, type CatalogItem } from './document';
import { SyncError, toSyncError } from './errors';
import { detectLanguage, labelsFor, type LabelLanguage } from './labels';
import { createLimiter, mapLimited } from './limiter';
import type { ProgressReporter, SyncMode } from './progress';
import { readAllPages } from './read';
import { catalogHash, shardDocument, shardFileName, shardHash, shardKeyOf, shardRange } from './shards';
import { createSyncStateStore, SYNC_KEYS, type CommittedShard, type SyncState } from './state';
import type { VectorStoreOps } from './vector-store';
import { isSearchable } from './visibility';

export interface SyncEngineDeps {
  store: KeyValueStore;
  woo: Pick<WooClient, 'listProducts' | 'listVariations' | 'getProductsByIds'>;
  vectorStore: VectorStoreOps;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  settings: {
    pageConcurrency: number;
    uploadConcurrency: number;
    shardSize: number;
    labels: 'auto' | LabelLanguage;
    /** OPENAI_VECTOR_STORE_ID, when configured. */
    vectorStoreId?: string;
    currency?: string;
    perPage?: number;
  };
  /** The product card cache; changed products are invalidated after a commit. */
  products?: { invalidate(ids?: number[]): Promise<void> };
}

export interface SyncRequest {
  mode: SyncMode;
  progress: ProgressReporter;
  /** Throws when the lock was lost, so a run that outlived its lock never commits. */
  assertLockHeld?: () => void;
}

export interface SyncSuccess {
  status: 'success' | 'skipped';
  message: string;
  skipped: boolean;
  hash: string;
  products_count: number;
  vector_store_id: string;
  mode: SyncMode;
  shards_total: number;
  shards_uploaded: number;
  shards_kept: number;
  shards_removed: number;
  duration_ms: number;
}

/** How far back an incremental run looks past the last read start, for clock skew between us and the store. */
const MODIFIED_AFTER_SKEW_MS = 5 * 60_000;

interface ShardBuild {
  hash: string;
  count: number;
  /** Null once we know the shard is unchanged (its items are dropped to save memory). */
  items: CatalogItem[] | null;
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const states = createSyncStateStore(deps.store);
  const { settings, logger } = deps;

  /** Files of runs that died between upload and commit: delete every pending file the committed state does not use. */
  async function cleanupOrphans(state: SyncState | null, vectorStoreId: string | null): Promise<void> {
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
        await deps.vectorStore.removeFile(file.vectorStoreId ?? vectorStoreId ?? '', file.fileId);
        done.push(file.fileId);
        logger.info({ fileId: file.fileId, shard: file.shard }, 'sync removed an orphaned catalog file');
      } catch (error) {
        logger.warn({ err: error, fileId: file.fileId }, 'sync could not remove an orphaned file yet; will retry next run');
      }
    }
    await states.removePending(done);
  }

  async function resolveVectorStore(state: SyncState | null): Promise<string> {
    if (settings.vectorStoreId) return settings.vectorStoreId;
    const known = state?.vectorStoreId ?? (await states.readVectorStoreId());
    if (known) return known;
    const id = await deps.vectorStore.createVectorStore('Aisle catalog');
    await states.writeVectorStoreId(id);
    logger.info({ vectorStoreId: id }, 'sync created the catalog vector store');
    return id;
  }

  async function variationsOf(product: WooProduct, limit: <T>(task: () => Promise<T>) => Promise<T>): Promise<WooVariation[]> {
    return product.type === 'variable' ? limit(() => deps.woo.listVariations(product.id)) : [];
  }

  async function run(request: SyncRequest): Promise<SyncSuccess> {
    const startedAt = Date.now();
    const readStartedAt = new Date(startedAt).toISOString();
    const { progress } = request;
    const stateRaw = await states.readState();
    progress.update({ phase: 'cleanup' }, { flush: true });
    const vectorStoreId = await resolveVectorStore(stateRaw);
    await cleanupOrphans(stateRaw, vectorStoreId);
    // A state for another vector store or another shard size cannot be diffed against: start over.
    const state =
      stateRaw && stateRaw.vectorStoreId === vectorStoreId && stateRaw.shardSize === settings.shardSize ? stateRaw : null;
    const mode: SyncMode = request.mode === 'incremental' && state ? 'incremental' : 'full';
    if (mode !== request.mode) progress.update({ mode });

    let language: LabelLanguage | null = state?.language ?? (settings.labels === 'auto' ? null : settings.labels);
    const buildOptions = () => ({
      labels: labelsFor(language ?? 'en'),
      ...(settings.currency ? { currency: settings.currency } : {}),
    });
    const variationLimit = createLimiter(settings.pageConcurrency);
    const committed: Record<string, CommittedShard> = state?.shards ?? {};
    const builds = new Map<string, ShardBuild>();
    const changedIds = new Set<number>();
    let productsRead = 0;

    async function itemsOf(products: WooProduct[]): Promise<{ keep: CatalogItem[]; drop: number[] }> {
      language ??= detectLanguage(products.map((p) => p.name));
      const keep: CatalogItem[] = [];
      const drop: number[] = [];
      await Promise.all(
        products.map(async (product) => {
          if (!isSearchable(product)) return void drop.push(product.id);
          keep.push(buildCatalogItem(product, await variationsOf(product, variationLimit), buildOptions()));
        }),
      );
      productsRead += products.length;
      return { keep, drop };
    }

    progress.update({ phase: 'reading' }, { flush: true });
    let dirtyMarks: Array<{ key: string; value: string }> = [];
    if (mode === 'full') {
      // Pages arrive in ID order; once every page up to N is in, shards below its last ID are complete
      // and unchanged ones are reduced to their hash, so memory holds only what will be uploaded.
      const pending = new Map<string, CatalogItem[]>();
      const pageMaxId = new Map<number, number>();
      let contiguous = 0;
      let coveredMaxId = 0;
      const finalize = (key: string) => {
        const items = pending.get(key) ?? [];
        pending.delete(key);
        const hash = shardHash(items, language ?? 'en');
        builds.set(key, { hash, count: items.length, items: committed[key]?.hash === hash ? null : items });
      };
      const finalizeCompleted = () => {
        while (pageMaxId.has(contiguous + 1)) {
          contiguous++;
          coveredMaxId = Math.max(coveredMaxId, pageMaxId.get(contiguous) ?? 0);
          pageMaxId.delete(contiguous);
        }
        for (const key of [...pending.keys()]) if (shardRange(key).end <= coveredMaxId) finalize(key);
      };
      const pages = await readAllPages({
        woo: deps.woo,
        concurrency: settings.pageConcurrency,
        status: 'publish',
        ...(settings.perPage ? { perPage: settings.perPage } : {}),
        onPage: async (page, products) => {
          const { keep } = await itemsOf(products);
          for (const item of keep) {
            const key = shardKeyOf(item.id, settings.shardSize);
            const list = pending.get(key);
            if (list) list.push(item);
            else if (builds.has(key))
              throw new SyncError(
                'sync_failed',
                `Product ${item.id} arrived after its shard was complete; WooCommerce did not order pages by ID.`,
                502,
              );
            else pending.set(key, [item]);
          }
          pageMaxId.set(
            page,
            products.reduce((max, p) => Math.max(max, p.id), 0),
          );
          finalizeCompleted();
          progress.update({ products_read: productsRead });
        },
        onProgress: (p) => progress.update({ pages_read: p.pagesRead, pages_total: p.pagesTotal }),
      });
      for (const key of [...pending.keys()]) finalize(key);
      progress.update({ pages_read: pages.pagesRead, pages_total: pages.pagesTotal });
    } else {
      // Incremental: what changed since the last read (modified_after) plus what webhooks marked.
      const prior = state as SyncState;
      const marks = await deps.store.keys(SYNC_KEYS.dirtyPrefix);
      dirtyMarks = (await Promise.all(marks.map(async (key) => ({ key, value: (await deps.store.get(key)) ?? '' })))).filter(
        (m) => m.value,
      );
      const markedDeleted = dirtyMarks
        .filter((m) => m.value.startsWith('deleted'))
        .map((m) => Number(m.key.slice(SYNC_KEYS.dirtyPrefix.length)));
      const markedChanged = dirtyMarks
        .filter((m) => !m.value.startsWith('deleted'))
        .map((m) => Number(m.key.slice(SYNC_KEYS.dirtyPrefix.length)));
      const upserts = new Map<number, CatalogItem>();
      const removals = new Set<number>(markedDeleted.filter((id) => Number.isInteger(id) && id > 0));
      const apply = ({ keep, drop }: { keep: CatalogItem[]; drop: number[] }) => {
        for (const item of keep) {
          upserts.set(item.id, item);
          removals.delete(item.id);
        }
        for (const id of drop) {
          upserts.delete(id);
          removals.add(id);
        }
      };
      const since = new Date(Date.parse(prior.readStartedAt) - MODIFIED_AFTER_SKEW_MS).toISOString().slice(0, 19);
      await readAllPages({
        woo: deps.woo,
        concurrency: settings.pageConcurrency,
        status: 'any',
        modifiedAfter: since,
        ...(settings.perPage ? { perPage: settings.perPage } : {}),
        onPage: async (_page, products) => apply(await itemsOf(products)),
        onProgress: (p) => progress.update({ pages_read: p.pagesRead, pages_total: p.pagesTotal, products_read: productsRead }),
      });
      const byId = [...new Set(markedChanged.filter((id) => Number.isInteger(id) && id > 0 && !upserts.has(id)))];
      const batches: number[][] = [];
      for (let i = 0; i < byId.length; i += 100) batches.push(byId.slice(i, i + 100));
      await mapLimited(batches, settings.pageConcurrency, async (ids) => {
        const found = await deps.woo.getProductsByIds(ids);
        apply(await itemsOf(found));
        // Asked for and not returned: deleted (or trashed) in WooCommerce.
        const seen = new Set(found.map((p) => p.id));
        for (const id of ids) if (!seen.has(id)) apply({ keep: [], drop: [id] });
      });
      const touched = new Set<string>();
      for (const id of [...upserts.keys(), ...removals]) touched.add(shardKeyOf(id, settings.shardSize));
      for (const key of Object.keys(prior.shards))
        builds.set(key, { hash: prior.shards[key]!.hash, count: prior.shards[key]!.count, items: null });
      for (const key of touched) {
        const stored = await states.readShard(key);
        if (committed[key] && !stored)
          throw new SyncError('sync_failed', `The stored entries of shard ${key} are missing; run a full sync.`, 500);
        const items = new Map((stored?.items ?? []).map((i) => [i.id, i] as const));
        for (const id of removals) if (shardKeyOf(id, settings.shardSize) === key) items.delete(id);
        for (const [id, item] of upserts) if (shardKeyOf(id, settings.shardSize) === key) items.set(id, item);
        const list = [...items.values()];
        const hash = shardHash(list, language ?? 'en');
        builds.set(key, { hash, count: list.length, items: committed[key]?.hash === hash ? null : list });
        if (committed[key]?.hash !== hash)
          for (const id of [...upserts.keys(), ...removals]) if (shardKeyOf(id, settings.shardSize) === key) changedIds.add(id);
      }
      progress.update({ products_read: productsRead });
    }
    request.assertLockHeld?.();

    // Empty shards are not uploaded: they are removed like shards whose range vanished.
    for (const [key, build] of builds) if (build.count === 0) builds.delete(key);
    const nextShards: Record<string, { hash: string }> = Object.fromEntries([...builds].map(([k, b]) => [k, { hash: b.hash }]));
    const hash = catalogHash(nextShards);
    const productsCount = [...builds.values()].reduce((sum, b) => sum + b.count, 0);
    const toUpload = [...builds].filter(([key, b]) => committed[key]?.hash !== b.hash);
    const removed = Object.keys(committed).filter((key) => !builds.has(key));
    const kept = builds.size - toUpload.length;
    progress.update({ shards_total: builds.size, shards_to_upload: toUpload.length }, { flush: true });

    const finish = (status: 'success' | 'skipped', uploaded: number): SyncSuccess => ({
      status,
      message: status === 'skipped' ? 'Catalog unchanged since last sync' : 'Catalog synced successfully',
      skipped: status === 'skipped',
      hash,
      products_count: productsCount,
      vector_store_id: vectorStoreId,
      mode,
      shards_total: builds.size,
      shards_uploaded: uploaded,
      shards_kept: kept,
      shards_removed: status === 'skipped' ? 0 : removed.length,
      duration_ms: Date.now() - startedAt,
    });

    if (state && state.hash === hash && toUpload.length === 0 && removed.length === 0) {
      // Unchanged: nothing uploaded; move the incremental cursor forward and forget handled webhook marks.
      await states.writeState({ ...state, readStartedAt, finishedAt: new Date().toISOString() });
      await clearMarks(dirtyMarks);
      return finish('skipped', 0);
    }

    // Upload. Every file is recorded as pending before it is attached, so a crash leaves nothing untracked.
    progress.update({ phase: 'uploading' }, { flush: true });
    const uploaded = new Map<string, string>();
    let uploadedCount = 0;
    try {
      await mapLimited(toUpload, settings.uploadConcurrency, async ([key, build]) => {
        request.assertLockHeld?.();
        const fileId = await deps.vectorStore.uploadShard({
          vectorStoreId,
          shard: key,
          hash: build.hash,
          fileName: shardFileName(key),
          content: shardDocument(key, build.items ?? []),
          onUploaded: async (id) => {
            uploaded.set(key, id);
            await states.addPending({ fileId: id, shard: key, vectorStoreId, at: new Date().toISOString() });
          },
        });
        uploadedCount++;
        progress.update({ shards_uploaded: uploadedCount });
        return fileId;
      });
      request.assertLockHeld?.();
    } catch (error) {
      await discard(vectorStoreId, [...uploaded.values()]);
      throw toSyncError(error);
    }

    // Swap: commit the new state, then retire the files it replaced.
    progress.update({ phase: 'swapping' }, { flush: true });
    const shards: Record<string, CommittedShard> = {};
    for (const [key, build] of builds) {
      const fileId = uploaded.get(key) ?? committed[key]?.fileId;
      if (!fileId) throw new SyncError('sync_failed', `Shard ${key} has no uploaded file.`, 500);
      shards[key] = { hash: build.hash, fileId, count: build.count };
    }
    for (const [key, build] of toUpload) {
      await states.writeShard(key, { hash: build.hash, items: build.items ?? [] });
      if (mode === 'full') for (const item of build.items ?? []) changedIds.add(item.id);
    }
    // After a shard-size change the old state could not be diffed, but its files live in this same store.
    const resharded =
      stateRaw && !state && stateRaw.vectorStoreId === vectorStoreId ? Object.values(stateRaw.shards).map((s) => s.fileId) : [];
    const replaced = [
      ...toUpload.map(([key]) => committed[key]?.fileId),
      ...removed.map((key) => committed[key]?.fileId),
      ...resharded,
    ].filter((id): id is string => Boolean(id));
    for (const fileId of replaced)
      await states.addPending({ fileId, shard: 'replaced', vectorStoreId, at: new Date().toISOString() });
    await states.writeState({
      hash,
      vectorStoreId,
      language: language ?? 'en',
      shardSize: settings.shardSize,
      shards,
      productsCount,
      readStartedAt,
      finishedAt: new Date().toISOString(),
    });
    await states.removePending([...uploaded.values()]);
    for (const key of removed) await states.deleteShard(key);
    await discard(vectorStoreId, replaced);
    await clearMarks(dirtyMarks);
    if (deps.products && changedIds.size > 0) {
      await deps.products
        .invalidate(changedIds.size > 5000 ? undefined : [...changedIds])
        .catch((err: unknown) => logger.warn({ err }, 'sync could not invalidate product cards'));
    }
    return finish('success', uploaded.size);
  }

  /** Best effort: files that cannot be removed now stay pending and the next run removes them. */
  async function discard(vectorStoreId: string, fileIds: string[]): Promise<void> {
    const removedIds: string[] = [];
    await mapLimited(fileIds, settings.uploadConcurrency, async (fileId) => {
      try {
        await deps.vectorStore.removeFile(vectorStoreId, fileId);
        removedIds.push(fileId);
      } catch (error) {
        logger.warn({ err: error, fileId }, 'sync could not remove a catalog file yet; the next run will');
      }
    });
    await states.removePending(removedIds);
  }

  async function clearMarks(marks: Array<{ key: string; value: string }>): Promise<void> {
    // deleteIfEquals: a webhook that marked the product again during the run keeps its mark.
    await Promise.all(marks.map((m) => deps.store.deleteIfEquals(m.key, m.value)));
  }

  return { run };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
