/**
 * The OpenAI side of a sync: create the vector store, upload a shard file,
 * attach it with a static chunking strategy, and wait until it is indexed.
 * 429s are retried after the server's retry-after; other failures surface as
 * SyncErrors so the run stops with the old catalog live.
 */
import OpenAI, { toFile } from 'openai';
import { CHUNKING_STRATEGY } from './chunking';
import { SyncError } from './errors';

export interface VectorStoreOps {
  createVectorStore(name: string): Promise<string>;
  /** Upload the document; `onUploaded` runs as soon as the file id exists (to record it as pending). */
  uploadShard(input: {
    vectorStoreId: string;
    shard: string;
    hash: string;
    fileName: string;
    content: string;
    onUploaded(fileId: string): Promise<void>;
  }): Promise<string>;
  /** Detach from the vector store and delete the file; a file that is already gone is fine. */
  removeFile(vectorStoreId: string, fileId: string): Promise<void>;
  /**
   * The ids of the files the store serves (attached, not failed or cancelled), or null when the store
   * is gone: deleted (404 "No vector store found") or expired.
   */
  servedFiles(vectorStoreId: string): Promise<Set<string> | null>;
}

export interface VectorStoreOptions {
  openai: OpenAI;
  indexTimeoutMs: number;
  /** Attempts on 429 (each after retry-after) before giving up. */
  rateLimitAttempts?: number;
  /** Fallback wait between status polls when the server gives no openai-poll-after-ms. */
  pollIntervalMs?: number;
  logger?: { warn(obj: object, msg?: string): void };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(error: InstanceType<typeof OpenAI.APIError>): number {
  const ms = Number(error.headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = error.headers?.get('retry-after');
  const seconds = Number(raw);
  if (raw && Number.isFinite(seconds)) return seconds * 1000;
  const date = raw ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

export function createVectorStoreOps(options: VectorStoreOptions): VectorStoreOps {
  const { openai } = options;
  const attempts = options.rateLimitAttempts ?? 5;

  /** The SDK is built with few retries for chat; sync can afford to wait out a rate limit. */
  async function withRateLimit<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof OpenAI.RateLimitError) || attempt >= attempts) throw error;
        const wait = Math.min(60_000, retryAfterMs(error));
        options.logger?.warn({ what, attempt, waitMs: wait }, 'openai rate limited the sync, waiting');
        await sleep(wait);
      }
    }
  }

  async function waitUntilIndexed(vectorStoreId: string, fileId: string, shard: string): Promise<void> {
    const deadline = Date.now() + options.indexTimeoutMs;
    for (;;) {
      const { data, response } = await withRateLimit('vector store file status', () =>
        openai.vectorStores.files.retrieve(fileId, { vector_store_id: vectorStoreId }).withResponse(),
      );
      if (data.status === 'completed') return;
      if (data.status === 'failed' || data.status === 'cancelled') {
        const why = data.last_error ? `${data.last_error.code}: ${data.last_error.message}` : 'no reason given';
        throw new SyncError(
          'indexing_failed',
          `OpenAI could not index catalog shard ${shard} (file ${fileId} ended ${data.status}: ${why}).`,
          502,
        );
      }
      if (Date.now() > deadline) {
        throw new SyncError(
          'indexing_failed',
          `Catalog shard ${shard} was still being indexed after ${options.indexTimeoutMs} ms.`,
          504,
        );
      }
      const hinted = Number(response.headers.get('openai-poll-after-ms'));
      await sleep(Number.isFinite(hinted) && hinted > 0 ? hinted : (options.pollIntervalMs ?? 1000));
    }
  }

  return {
    async createVectorStore(name) {
      const created = await withRateLimit('create vector store', () =>
        openai.vectorStores.create({ name, metadata: { created_by: 'aisle-sync' } }),
      );
      return created.id;
    },

    async uploadShard(input) {
      const file = await withRateLimit('upload file', async () =>
        openai.files.create({
          file: await toFile(Buffer.from(input.content, 'utf8'), input.fileName, { type: 'text/markdown' }),
          purpose: 'assistants',
        }),
      );
      await input.onUploaded(file.id);
      await withRateLimit('attach file', () =>
        openai.vectorStores.files.create(input.vectorStoreId, {
          file_id: file.id,
          chunking_strategy: CHUNKING_STRATEGY,
          attributes: { aisle_shard: input.shard, aisle_hash: input.hash.slice(0, 32) },
        }),
      );
      await waitUntilIndexed(input.vectorStoreId, file.id, input.shard);
      return file.id;
    },

    async servedFiles(vectorStoreId) {
      try {
        const store = await withRateLimit('vector store', () => openai.vectorStores.retrieve(vectorStoreId));
        if (store.status === 'expired') return null;
        const served = new Set<string>();
        // The SDK follows the pages (100 files each): two requests for a 100k-product catalog.
        for await (const file of openai.vectorStores.files.list(vectorStoreId, { limit: 100 }))
          if (file.status !== 'failed' && file.status !== 'cancelled') served.add(file.id);
        return served;
      } catch (error) {
        if (error instanceof OpenAI.NotFoundError) return null;
        throw error;
      }
    },

    async removeFile(vectorStoreId, fileId) {
      const ignoreMissing = (error: unknown) => {
        if (error instanceof OpenAI.NotFoundError) return;
        throw error;
      };
      await withRateLimit('detach file', () =>
        openai.vectorStores.files.delete(fileId, { vector_store_id: vectorStoreId }),
      ).catch(ignoreMissing);
      await withRateLimit('delete file', () => openai.files.delete(fileId)).catch(ignoreMissing);
    },
  };
}
