/**
 * Which vector store a run writes to, and what it still holds. The stored state
 * only says what was uploaded; the store at OpenAI may since have been deleted or
 * expired, or lost a file. A run that trusted the state would answer "skipped"
 * over an empty store, or fail on every attach (404) forever. So each run looks:
 * a gone store is replaced by a new one (unless it was set for this store
 * explicitly), and shards whose file is gone are uploaded again.
 */
import { SyncError } from './errors';
import type { EngineCore } from './run-context';
import type { SyncState } from './state';

export interface RemoteCatalog {
  vectorStoreId: string;
  /** Ids of the files the store serves. */
  served: Set<string>;
  /** The previous state's files, when its store was gone: deleted from the Files API after the commit. */
  lostFiles: string[];
}

async function createStore(core: EngineCore): Promise<string> {
  const id = await core.deps.vectorStore.createVectorStore('Aisle catalog');
  await core.states.writeVectorStoreId(id);
  core.logger.info({ vectorStoreId: id }, 'sync created the catalog vector store');
  return id;
}

export async function resolveRemote(core: EngineCore, state: SyncState | null): Promise<RemoteCatalog> {
  const { settings, states, deps, logger } = core;
  const explicit = settings.vectorStoreId;
  const known = explicit ?? state?.vectorStoreId ?? (await states.readVectorStoreId());
  if (!known) return { vectorStoreId: await createStore(core), served: new Set(), lostFiles: [] };
  const served = await deps.vectorStore.servedFiles(known);
  if (served) return { vectorStoreId: known, served, lostFiles: [] };
  if (explicit) {
    throw new SyncError(
      'vector_store_missing',
      `The vector store ${explicit} set for this store no longer exists at OpenAI (deleted or expired). ` +
        'Set an existing one, or none so that the sync creates and remembers its own.',
      502,
    );
  }
  logger.warn(
    { vectorStoreId: known },
    'the catalog vector store is gone at OpenAI; creating a new one and uploading everything',
  );
  const lostFiles = state?.vectorStoreId === known ? Object.values(state.shards).map((s) => s.fileId) : [];
  return { vectorStoreId: await createStore(core), served: new Set(), lostFiles };
}

/** The committed shards whose file the store still serves; the others must be uploaded again. */
export function servedShards(state: SyncState, served: Set<string>): { kept: SyncState['shards']; missing: string[] } {
  const kept: SyncState['shards'] = {};
  const missing: string[] = [];
  for (const [key, shard] of Object.entries(state.shards)) {
    if (served.has(shard.fileId)) kept[key] = shard;
    else missing.push(key);
  }
  return { kept, missing };
}
