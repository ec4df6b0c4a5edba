/**
 * Store facts → their own files in the store's vector store, beside the catalog shards.
 * The same rules as the catalog: new files are uploaded and indexed first, the committed
 * state (one key) is written last, and only then are the files it replaced removed. A
 * failure leaves the previous documents live; files a crashed run left are recorded as
 * pending and removed by the next run.
 */
import type { Logger } from 'pino';
import { getJson, setJson, type KeyValueStore } from '../store/types';
import type { VectorStoreOps } from '../sync';
import { factsDocuments, type FactsDocument } from './documents';
import type { StoreFacts } from './facts';

export const FACTS_KEYS = {
  pushed: 'facts:pushed',
  state: 'facts:state',
  pending: 'facts:pending_files',
} as const;

export interface FactsState {
  vectorStoreId: string;
  docs: Record<string, { hash: string; fileId: string }>;
  finishedAt: string;
}

interface PendingFact {
  fileId: string;
  vectorStoreId: string;
}

export interface FactsSyncResult {
  documents: number;
  uploaded: number;
  removed: number;
}

export interface FactsSyncDeps {
  store: KeyValueStore;
  vectorStore: VectorStoreOps;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The store's address: pages elsewhere are cited by it instead. */
  storeUrl: string | null;
}

export async function savePushedFacts(store: KeyValueStore, facts: StoreFacts): Promise<void> {
  const { sync: _ignored, ...kept } = facts;
  await setJson(store, FACTS_KEYS.pushed, kept);
}

export const readFactsState = (store: KeyValueStore) => getJson<FactsState>(store, FACTS_KEYS.state);

async function addPending(store: KeyValueStore, files: PendingFact[]): Promise<void> {
  if (!files.length) return;
  const list = (await getJson<PendingFact[]>(store, FACTS_KEYS.pending)) ?? [];
  await setJson(store, FACTS_KEYS.pending, [...list, ...files]);
}

async function dropPending(store: KeyValueStore, fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return;
  const drop = new Set(fileIds);
  const list = (await getJson<PendingFact[]>(store, FACTS_KEYS.pending)) ?? [];
  await setJson(
    store,
    FACTS_KEYS.pending,
    list.filter((f) => !drop.has(f.fileId)),
  );
}

/** Best effort: what cannot be removed now stays pending for the next run. */
async function removeFiles(deps: FactsSyncDeps, files: PendingFact[]): Promise<number> {
  const removed: string[] = [];
  for (const file of files) {
    try {
      await deps.vectorStore.removeFile(file.vectorStoreId, file.fileId);
      removed.push(file.fileId);
    } catch (error) {
      deps.logger.warn({ err: error, fileId: file.fileId }, 'could not remove a store-facts file yet; the next sync will');
    }
  }
  await dropPending(deps.store, removed);
  return removed.length;
}

/**
 * Brings the vector store's store-facts files in line with the last pushed facts. Run under
 * the store's sync lock (after the catalog), with the vector store the catalog sync used.
 */
export async function syncFacts(
  deps: FactsSyncDeps,
  vectorStoreId: string,
  assertLockHeld: () => void = () => undefined,
): Promise<FactsSyncResult> {
  const { store } = deps;
  const committed = await readFactsState(store);
  // Files of a crashed run: pending, and named by no committed state.
  const live = new Set(Object.values(committed?.docs ?? {}).map((d) => d.fileId));
  const orphans = ((await getJson<PendingFact[]>(store, FACTS_KEYS.pending)) ?? []).filter((f) => !live.has(f.fileId));
  await removeFiles(deps, orphans);

  const pushed = await getJson<StoreFacts>(store, FACTS_KEYS.pushed);
  if (!pushed) return { documents: Object.keys(committed?.docs ?? {}).length, uploaded: 0, removed: 0 };
  const docs = factsDocuments(pushed, deps.storeUrl);

  // A state for another vector store (the catalog's was replaced) is uploaded again in full.
  const same = committed?.vectorStoreId === vectorStoreId ? committed : null;
  const served = same && Object.keys(same.docs).length ? await deps.vectorStore.servedFiles(vectorStoreId) : null;
  const current = (doc: FactsDocument) => {
    const old = same?.docs[doc.key];
    return old && old.hash === doc.hash && served?.has(old.fileId) ? old : null;
  };

  const uploaded: PendingFact[] = [];
  const next: FactsState['docs'] = {};
  try {
    for (const doc of docs) {
      const kept = current(doc);
      if (kept) {
        next[doc.key] = kept;
        continue;
      }
      assertLockHeld();
      const fileId = await deps.vectorStore.uploadShard({
        vectorStoreId,
        shard: `facts-${doc.key}`,
        hash: doc.hash,
        fileName: doc.fileName,
        content: doc.content,
        onUploaded: async (id) => {
          uploaded.push({ fileId: id, vectorStoreId });
          await addPending(store, [{ fileId: id, vectorStoreId }]);
        },
      });
      next[doc.key] = { hash: doc.hash, fileId };
    }
    assertLockHeld();
  } catch (error) {
    await removeFiles(deps, uploaded);
    throw error;
  }

  const keptIds = new Set(Object.values(next).map((d) => d.fileId));
  const replaced = Object.values(committed?.docs ?? {})
    .filter((d) => !keptIds.has(d.fileId))
    .map((d) => ({ fileId: d.fileId, vectorStoreId: committed!.vectorStoreId }));
  await addPending(store, replaced);
  const state: FactsState = { vectorStoreId, docs: next, finishedAt: new Date().toISOString() };
  await setJson(store, FACTS_KEYS.state, state);
  await dropPending(
    store,
    uploaded.map((f) => f.fileId),
  );
  const removed = await removeFiles(deps, replaced);
  if (uploaded.length || removed) {
    deps.logger.info({ documents: docs.length, uploaded: uploaded.length, removed }, 'store facts synced');
  }
  return { documents: docs.length, uploaded: uploaded.length, removed };
}
