/**
 * One catalog sync, start to finish:
 *   cleanup → read → build → hash → upload changed shards → commit → remove replaced files.
 * A full sync uploads each changed shard as soon as its ID range is read and then
 * drops its items, so memory stays bounded whatever the catalog size.
 * Nothing the assistant uses changes before every new shard is indexed
 * (`completed`); the committed state is written last, so any failure before it
 * leaves the previous catalog live and the previous hash stored, and the run
 * removes the files and shard items it wrote.
 */
import type { Logger } from 'pino';
import type { VariationLike } from '../catalog/types';
import type { KeyValueStore } from '../store/types';
import type { WooClient } from '../woo/client';
import type { WooProduct, WooVariation } from '../woo/schemas';
import { buildCatalogItem, type CatalogItem } from './document';
import { SyncError, toSyncError } from './errors';
import { detectLanguage, labelsFor, type LabelLanguage } from './labels';
import { createLimiter, mapLimited, type Limiter } from './limiter';
import type { ProgressReporter, SyncMode } from './progress';
import { readAllPages } from './read';
import { catalogHash, shardDocument, shardFileName, shardHash, shardKeyOf, shardRange } from './shards';
import { createSyncStateStore, SYNC_KEYS, type CommittedShard, type SyncState } from './state';
import { createBestEffortCalls, createShardUploader, type ShardToUpload, type ShardUploader } from './uploader';
import type { VectorStoreOps } from './vector-store';
import { isSearchable } from './visibility';

/** The product card cache (chat's show_products): told what changed, and handed the variations sync fetched. */
export interface ProductCardCache {
  invalidate(ids?: number[]): Promise<void>;
  /** Optional: lets cards use the synced variations instead of asking WooCommerce again. Best effort. */
  rememberVariations?(productId: number, variations: VariationLike[]): Promise<void>;
}

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
  products?: ProductCardCache;
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

/** Past this many changed products, all cards are invalidated instead (and the ids are not kept in memory). */
const INVALIDATE_ALL_ABOVE = 5000;

/** rememberVariations calls in flight before reading waits for one: a slow cache must not pile up memory. */
const REMEMBER_VARIATIONS_IN_FLIGHT = 64;

/** What is kept per shard once its items are uploaded (or known unchanged): no items. */
interface ShardBuild {
  hash: string;
  count: number;
}

interface BuiltItems {
  keep: CatalogItem[];
  drop: number[];
}

/** The ids whose product cards a commit invalidates; bounded, so a first sync of 100k products keeps no 100k-id set. */
function createChangedProducts() {
  let ids: Set<number> | null = new Set();
  let any = false;
  return {
    add(id: number) {
      any = true;
      if (!ids) return;
      ids.add(id);
      if (ids.size > INVALIDATE_ALL_ABOVE) ids = null;
    },
    /** null: nothing changed; undefined: too many to list, invalidate every card. */
    target(): number[] | undefined | null {
      if (!any) return null;
      return ids ? [...ids] : undefined;
    },
  };
}

/** Everything one run shares between its stages. */
interface RunContext {
  request: SyncRequest;
  mode: SyncMode;
  /** The committed state, whatever it is: its files and shard items stay until a commit replaces them. */
  stateRaw: SyncState | null;
  /** The committed state when this run can diff against it (same vector store and shard size). */
  state: SyncState | null;
  committed: Record<string, CommittedShard>;
  vectorStoreId: string;
  language: LabelLanguage | null;
  builds: Map<string, ShardBuild>;
  /** Shard → file id of the files this run uploaded (recorded as pending). */
  uploaded: Map<string, string>;
  changed: ReturnType<typeof createChangedProducts>;
  productsRead: number;
  dirtyMarks: Array<{ key: string; value: string }>;
  uploader: ShardUploader;
  variationLimit: Limiter;
  remember: ReturnType<typeof createBestEffortCalls>;
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const states = createSyncStateStore(deps.store);
  const { settings, logger } = deps;

  /**
   * What a run that died between upload and commit left: pending files and shard items the committed
   * state does not use. Both are deleted before anything else happens.
   */
  async function cleanupOrphans(state: SyncState | null, vectorStoreId: string | null): Promise<void> {
    await pruneShardItems(state, 'cleanup');
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

  /** Best effort: shard items no committed state refers to are only wasted space, and the next run retries. */
  async function pruneShardItems(state: SyncState | null, when: string): Promise<void> {
    try {
      const removed = await states.pruneShards(state?.shards ?? {});
      if (removed.length > 0) logger.debug({ keys: removed.length, when }, 'sync removed unreferenced shard items');
    } catch (error) {
      logger.warn({ err: error, when }, 'sync could not remove unreferenced shard items yet; the next run will');
    }
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

  async function variationsOf(ctx: RunContext, product: WooProduct): Promise<WooVariation[]> {
    if (product.type !== 'variable') return [];
    const variations = await ctx.variationLimit(() => deps.woo.listVariations(product.id));
    await shareVariations(ctx, product.id, variations);
    return variations;
  }

  /** Hands fetched variations to the card cache without waiting for it (unless too many calls are in flight). */
  async function shareVariations(ctx: RunContext, productId: number, variations: WooVariation[]): Promise<void> {
    const remember = deps.products?.rememberVariations?.bind(deps.products);
    if (remember) await ctx.remember.call(() => remember(productId, variations));
  }

  async function buildItems(ctx: RunContext, products: WooProduct[]): Promise<BuiltItems> {
    ctx.language ??= detectLanguage(products.map((p) => p.name));
    const options = {
      labels: labelsFor(ctx.language),
      ...(settings.currency ? { currency: settings.currency } : {}),
    };
    const keep: CatalogItem[] = [];
    const drop: number[] = [];
    await Promise.all(
      products.map(async (product) => {
        if (!isSearchable(product)) return void drop.push(product.id);
        keep.push(buildCatalogItem(product, await variationsOf(ctx, product), options));
      }),
    );
    ctx.productsRead += products.length;
    return { keep, drop };
  }

  /**
   * Hashes a complete shard. A changed one is handed to the uploader (which keeps its items only until
   * the upload ends); an unchanged one is reduced to its hash at once.
   */
  function finalizeShard(ctx: RunContext, key: string, items: CatalogItem[]): void {
    const hash = shardHash(items, ctx.language ?? 'en');
    ctx.builds.set(key, { hash, count: items.length });
    if (items.length > 0 && ctx.committed[key]?.hash !== hash) {
      ctx.uploader.enqueue({ key, hash, items });
      ctx.request.progress.update({ shards_to_upload: ctx.uploader.queued });
    }
  }

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

  /**
   * Full read: pages arrive in ID order; once every page up to N is in, shards below its last ID are
   * complete and finalized. Reading waits while too many finalized shards wait for an upload slot.
   */
  async function readFull(ctx: RunContext): Promise<void> {
    const open = new Map<string, CatalogItem[]>();
    const pageMaxId = new Map<number, number>();
    let contiguous = 0;
    let coveredMaxId = 0;
    const finalizeCompleted = () => {
      while (pageMaxId.has(contiguous + 1)) {
        contiguous++;
        coveredMaxId = Math.max(coveredMaxId, pageMaxId.get(contiguous) ?? 0);
        pageMaxId.delete(contiguous);
      }
      for (const [key, items] of [...open])
        if (shardRange(key).end <= coveredMaxId) {
          open.delete(key);
          finalizeShard(ctx, key, items);
        }
    };
    const addItem = (item: CatalogItem) => {
      const key = shardKeyOf(item.id, settings.shardSize);
      const list = open.get(key);
      if (list) list.push(item);
      else if (ctx.builds.has(key))
        throw new SyncError(
          'sync_failed',
          `Product ${item.id} arrived after its shard was complete; WooCommerce did not order pages by ID.`,
          502,
        );
      else open.set(key, [item]);
    };
    const pages = await readAllPages({
      woo: deps.woo,
      concurrency: settings.pageConcurrency,
      // A slow page holds back shard completion; the window keeps later pages from piling up behind it.
      window: settings.pageConcurrency * 2,
      status: 'publish',
      ...(settings.perPage ? { perPage: settings.perPage } : {}),
      onPage: async (page, products) => {
        const { keep } = await buildItems(ctx, products);
        for (const item of keep) addItem(item);
        pageMaxId.set(
          page,
          products.reduce((max, p) => Math.max(max, p.id), 0),
        );
        finalizeCompleted();
        ctx.request.progress.update({ products_read: ctx.productsRead });
        await ctx.uploader.roomToRead();
      },
      onProgress: (p) => ctx.request.progress.update({ pages_read: p.pagesRead, pages_total: p.pagesTotal }),
    });
    for (const [key, items] of [...open]) {
      open.delete(key);
      finalizeShard(ctx, key, items);
    }
    ctx.request.progress.update({ pages_read: pages.pagesRead, pages_total: pages.pagesTotal });
  }

  /** Incremental read: what changed since the last read (modified_after) plus what webhooks marked. */
  async function readIncremental(ctx: RunContext): Promise<void> {
    const prior = ctx.state as SyncState;
    const marks = await deps.store.keys(SYNC_KEYS.dirtyPrefix);
    ctx.dirtyMarks = (await Promise.all(marks.map(async (key) => ({ key, value: (await deps.store.get(key)) ?? '' })))).filter(
      (m) => m.value,
    );
    const markedIds = (deleted: boolean) =>
      ctx.dirtyMarks
        .filter((m) => m.value.startsWith('deleted') === deleted)
        .map((m) => Number(m.key.slice(SYNC_KEYS.dirtyPrefix.length)))
        .filter((id) => Number.isInteger(id) && id > 0);
    const upserts = new Map<number, CatalogItem>();
    const removals = new Set<number>(markedIds(true));
    const apply = ({ keep, drop }: BuiltItems) => {
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
      onPage: async (_page, products) => apply(await buildItems(ctx, products)),
      onProgress: (p) =>
        ctx.request.progress.update({ pages_read: p.pagesRead, pages_total: p.pagesTotal, products_read: ctx.productsRead }),
    });
    const byId = [...new Set(markedIds(false).filter((id) => !upserts.has(id)))];
    const batches: number[][] = [];
    for (let i = 0; i < byId.length; i += 100) batches.push(byId.slice(i, i + 100));
    await mapLimited(batches, settings.pageConcurrency, async (ids) => {
      const found = await deps.woo.getProductsByIds(ids);
      apply(await buildItems(ctx, found));
      // Asked for and not returned: deleted (or trashed) in WooCommerce.
      const seen = new Set(found.map((p) => p.id));
      for (const id of ids) if (!seen.has(id)) apply({ keep: [], drop: [id] });
    });

    for (const [key, shard] of Object.entries(prior.shards)) ctx.builds.set(key, { hash: shard.hash, count: shard.count });
    const touchedIds = [...upserts.keys(), ...removals];
    const touched = new Set(touchedIds.map((id) => shardKeyOf(id, settings.shardSize)));
    for (const key of touched) {
      const inShard = (id: number) => shardKeyOf(id, settings.shardSize) === key;
      const committed = ctx.committed[key];
      const stored = committed ? await states.readShard(key, committed.hash) : null;
      if (committed && !stored)
        throw new SyncError('sync_failed', `The stored entries of shard ${key} are missing; run a full sync.`, 500);
      const items = new Map((stored?.items ?? []).map((i) => [i.id, i] as const));
      for (const id of removals) if (inShard(id)) items.delete(id);
      for (const [id, item] of upserts) if (inShard(id)) items.set(id, item);
      const hashBefore = committed?.hash;
      finalizeShard(ctx, key, [...items.values()]);
      if (ctx.builds.get(key)?.hash !== hashBefore) for (const id of touchedIds) if (inShard(id)) ctx.changed.add(id);
    }
    ctx.request.progress.update({ products_read: ctx.productsRead });
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
      committed: state?.shards ?? {},
      vectorStoreId,
      language: state?.language ?? (settings.labels === 'auto' ? null : settings.labels),
      builds: new Map(),
      uploaded: new Map(),
      changed: createChangedProducts(),
      productsRead: 0,
      dirtyMarks: [],
      uploader,
      variationLimit: createLimiter(settings.pageConcurrency),
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
      if (ctx.mode === 'full') await readFull(ctx);
      else await readIncremental(ctx);
      progress.update({ phase: 'uploading' }, { flush: true });
      await ctx.uploader.drain();
      ctx.request.assertLockHeld?.();
    } catch (error) {
      await rollback(ctx);
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
      // Unchanged: move the incremental cursor forward and forget handled webhook marks.
      await states.writeState({ ...ctx.state, readStartedAt, finishedAt: new Date().toISOString() });
      await clearMarks(ctx.dirtyMarks);
      return finish('skipped');
    }
    await commit(ctx, summary, readStartedAt);
    return finish('success');
  }

  /** Undo a failed run: wait for uploads in flight, delete their files and the shard items this run wrote. */
  async function rollback(ctx: RunContext): Promise<void> {
    await ctx.uploader.settle();
    await discard(ctx.vectorStoreId, [...ctx.uploaded.values()]);
    await pruneShardItems(ctx.stateRaw, 'rollback');
  }

  /** Swap: write the new state (one key, last), then retire the files and shard items it replaced. */
  async function commit(
    ctx: RunContext,
    summary: { hash: string; productsCount: number; removed: string[] },
    readStartedAt: string,
  ): Promise<void> {
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
    ].filter((id): id is string => Boolean(id));
    for (const fileId of replaced)
      await states.addPending({ fileId, shard: 'replaced', vectorStoreId, at: new Date().toISOString() });
    const next: SyncState = {
      hash: summary.hash,
      vectorStoreId,
      language: ctx.language ?? 'en',
      shardSize: settings.shardSize,
      shards,
      productsCount: summary.productsCount,
      readStartedAt,
      finishedAt: new Date().toISOString(),
    };
    await states.writeState(next);
    await states.removePending([...ctx.uploaded.values()]);
    await pruneShardItems(next, 'commit');
    await discard(vectorStoreId, replaced);
    await clearMarks(ctx.dirtyMarks);
    const changed = ctx.changed.target();
    if (deps.products && changed !== null) {
      await deps.products
        .invalidate(changed)
        .catch((err: unknown) => logger.warn({ err }, 'sync could not invalidate product cards'));
    }
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
