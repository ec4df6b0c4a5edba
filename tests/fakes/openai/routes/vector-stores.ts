/**
 * Vector stores and their files. An attached file answers `in_progress` for
 * `vectorStorePollsUntilDone` GETs, then `completed` (or the outcome queued with
 * failNext('vector_store_file', …)).
 */
import { invalidRequest, notFound } from '../errors';
import { nowSeconds, type Json, type StoredVectorStore, type StoredVectorStoreFile } from '../state';
import type { FakeRuntime, Route } from '../runtime';
import { paginate } from './pagination';

const CHUNKING = { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };

function getStore(runtime: FakeRuntime, id: string | undefined): StoredVectorStore {
  const store = id ? runtime.state.vectorStores.get(id) : undefined;
  if (!store) throw notFound(`No vector store found with id '${id ?? ''}'.`);
  return store;
}

function currentStatus(file: StoredVectorStoreFile): string {
  return file.pollsLeft > 0 ? 'in_progress' : file.finalStatus;
}

function fileBytes(runtime: FakeRuntime, id: string): number {
  return runtime.state.files.get(id)?.object.bytes ?? 0;
}

function vectorStoreFileObject(runtime: FakeRuntime, store: StoredVectorStore, file: StoredVectorStoreFile): Json {
  const status = currentStatus(file);
  return {
    id: file.id,
    object: 'vector_store.file',
    usage_bytes: status === 'completed' ? fileBytes(runtime, file.id) : 0,
    created_at: file.createdAt,
    vector_store_id: store.id,
    status,
    last_error: status === 'failed' ? file.lastError : null,
    chunking_strategy: CHUNKING,
    attributes: file.attributes,
  };
}

function vectorStoreObject(runtime: FakeRuntime, store: StoredVectorStore): Json {
  const statuses = [...store.files.values()].map(currentStatus);
  const count = (s: string): number => statuses.filter((x) => x === s).length;
  const object: Json = {
    id: store.id,
    object: 'vector_store',
    created_at: store.createdAt,
    name: store.name,
    description: store.description,
    usage_bytes: [...store.files.values()]
      .filter((f) => currentStatus(f) === 'completed')
      .reduce((sum, f) => sum + fileBytes(runtime, f.id), 0),
    file_counts: {
      in_progress: count('in_progress'),
      completed: count('completed'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      total: statuses.length,
    },
    status: count('in_progress') > 0 ? 'in_progress' : 'completed',
    expires_at: null,
    last_active_at: store.createdAt,
    metadata: store.metadata,
  };
  if (store.expiresAfter) object.expires_after = store.expiresAfter;
  return object;
}

function attach(
  runtime: FakeRuntime,
  store: StoredVectorStore,
  fileId: string,
  attributes: Record<string, unknown>,
): StoredVectorStoreFile {
  if (!runtime.state.files.has(fileId)) throw notFound(`No file found with id '${fileId}'.`, 'file_id');
  const outcome = runtime.vectorStoreFileOutcomes.shift();
  const file: StoredVectorStoreFile = {
    id: fileId,
    createdAt: nowSeconds(),
    pollsLeft: runtime.options.vectorStorePollsUntilDone,
    finalStatus: outcome?.status ?? 'completed',
    lastError: outcome ? (outcome.last_error ?? { code: 'server_error', message: 'The file could not be parsed.' }) : null,
    attributes,
  };
  store.files.set(fileId, file);
  return file;
}

export const vectorStoreRoutes: Route[] = [
  {
    method: 'POST',
    template: '/vector_stores',
    operation: 'vector_stores.create',
    handle(runtime, { body }) {
      const store: StoredVectorStore = {
        id: runtime.ids.next('vs_'),
        name: typeof body.name === 'string' ? body.name : '',
        createdAt: nowSeconds(),
        metadata: (body.metadata ?? {}) as Record<string, string>,
        expiresAfter: body.expires_after as Json | undefined,
        description: typeof body.description === 'string' ? body.description : null,
        files: new Map(),
      };
      const fileIds = Array.isArray(body.file_ids) ? body.file_ids.map(String) : [];
      for (const fileId of fileIds)
        if (!runtime.state.files.has(fileId)) throw notFound(`No file found with id '${fileId}'.`, 'file_ids');
      runtime.state.vectorStores.set(store.id, store);
      for (const fileId of fileIds) attach(runtime, store, fileId, {});
      return { json: vectorStoreObject(runtime, store) };
    },
  },
  {
    method: 'GET',
    template: '/vector_stores',
    operation: 'vector_stores.list',
    handle(runtime, { query }) {
      const stores = [...runtime.state.vectorStores.values()].map((s) => vectorStoreObject(runtime, s) as Json & { id: string });
      return { json: paginate(stores, query, { order: 'desc', limit: 20, maxLimit: 100 }) };
    },
  },
  {
    method: 'GET',
    template: '/vector_stores/{vector_store_id}',
    operation: 'vector_stores.retrieve',
    handle: (runtime, { params }) => ({ json: vectorStoreObject(runtime, getStore(runtime, params.vector_store_id)) }),
  },
  {
    method: 'DELETE',
    template: '/vector_stores/{vector_store_id}',
    operation: 'vector_stores.delete',
    handle(runtime, { params }) {
      const store = getStore(runtime, params.vector_store_id);
      runtime.state.vectorStores.delete(store.id);
      return { json: { id: store.id, object: 'vector_store.deleted', deleted: true } };
    },
  },
  {
    method: 'POST',
    template: '/vector_stores/{vector_store_id}/files',
    operation: 'vector_stores.files.create',
    handle(runtime, { params, body }) {
      const store = getStore(runtime, params.vector_store_id);
      if (typeof body.file_id !== 'string')
        throw invalidRequest(400, "Missing required parameter: 'file_id'.", 'file_id', 'missing_required_parameter');
      const file = attach(runtime, store, body.file_id, (body.attributes ?? {}) as Record<string, unknown>);
      return { json: vectorStoreFileObject(runtime, store, file) };
    },
  },
  {
    method: 'GET',
    template: '/vector_stores/{vector_store_id}/files',
    operation: 'vector_stores.files.list',
    handle(runtime, { params, query }) {
      const store = getStore(runtime, params.vector_store_id);
      const files = [...store.files.values()]
        .map((f) => vectorStoreFileObject(runtime, store, f) as Json & { id: string })
        .filter((f) => !query.filter || f.status === query.filter);
      return { json: paginate(files, query, { order: 'desc', limit: 20, maxLimit: 100 }) };
    },
  },
  {
    method: 'GET',
    template: '/vector_stores/{vector_store_id}/files/{file_id}',
    operation: 'vector_stores.files.retrieve',
    handle(runtime, { params }) {
      const store = getStore(runtime, params.vector_store_id);
      const file = store.files.get(params.file_id ?? '');
      if (!file) throw notFound(`No file found with id '${params.file_id ?? ''}' in vector store '${store.id}'.`);
      const object = vectorStoreFileObject(runtime, store, file);
      const headers: Record<string, string> = {};
      if (file.pollsLeft > 0) {
        file.pollsLeft -= 1;
        headers['openai-poll-after-ms'] = String(runtime.options.pollAfterMs);
      }
      return { json: object, headers };
    },
  },
  {
    method: 'DELETE',
    template: '/vector_stores/{vector_store_id}/files/{file_id}',
    operation: 'vector_stores.files.delete',
    handle(runtime, { params }) {
      const store = getStore(runtime, params.vector_store_id);
      const fileId = params.file_id ?? '';
      if (!store.files.delete(fileId)) throw notFound(`No file found with id '${fileId}' in vector store '${store.id}'.`);
      return { json: { id: fileId, object: 'vector_store.file.deleted', deleted: true } };
    },
  },
];
