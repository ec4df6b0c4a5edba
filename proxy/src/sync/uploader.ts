/**
 * Streaming shard uploads. A full sync hands each changed shard over as soon as
 * its ID range is read; the uploader runs at most `concurrency` uploads and lets
 * at most `maxWaiting` more wait for a slot. Reading asks `roomToRead()` before
 * it goes on, so it can never run far ahead of the uploads: memory holds a
 * bounded number of shards, whatever the catalog size.
 */
import type { CatalogItem } from './document';
import { createChangeSignal, createLimiter } from './limiter';

export interface ShardToUpload {
  key: string;
  hash: string;
  items: CatalogItem[];
}

export interface ShardUploader {
  /** Queue a shard; its items are released once its upload settles. */
  enqueue(shard: ShardToUpload): void;
  /** Resolves when few enough shards wait for a slot; rejects with the first upload failure. */
  roomToRead(): Promise<void>;
  /** Waits for every queued upload; rejects with the first failure. */
  drain(): Promise<void>;
  /** Waits until nothing is running (after a failure: so every uploaded file is known before discarding). */
  settle(): Promise<void>;
  /** Shards queued so far. */
  readonly queued: number;
}

export function createShardUploader(options: {
  concurrency: number;
  maxWaiting: number;
  upload(shard: ShardToUpload): Promise<void>;
}): ShardUploader {
  const limit = createLimiter(options.concurrency);
  const running = new Set<Promise<void>>();
  let waiting = 0;
  let queued = 0;
  let failure: { error: unknown } | null = null;
  const change = createChangeSignal();
  const throwIfFailed = () => {
    if (failure) throw failure.error;
  };
  const settle = async () => {
    while (running.size > 0) await Promise.all([...running]);
  };

  return {
    enqueue(shard) {
      throwIfFailed();
      waiting++;
      queued++;
      const task = limit(async () => {
        waiting--;
        change.notify();
        // After a failure the run is lost: do not upload what still waits.
        if (failure) return;
        try {
          await options.upload(shard);
        } catch (error) {
          // Recorded before the limiter hands this slot to the next waiting shard, which then skips.
          failure ??= { error };
        }
      }).finally(() => {
        running.delete(task);
        change.notify();
      });
      running.add(task);
    },
    async roomToRead() {
      while (!failure && waiting > options.maxWaiting) await change.next();
      throwIfFailed();
    },
    async drain() {
      await settle();
      throwIfFailed();
    },
    settle,
    get queued() {
      return queued;
    },
  };
}

/**
 * Side calls that must not slow or fail the run (e.g. handing fetched variations
 * to the card cache): errors go to `onError`, and the caller waits only when
 * `limit` calls are already running, so a slow consumer cannot pile up memory.
 */
export function createBestEffortCalls(limit: number, onError: (error: unknown) => void) {
  const running = new Set<Promise<void>>();
  return {
    async call(task: () => Promise<void>): Promise<void> {
      while (running.size >= limit) await Promise.race(running);
      const promise: Promise<void> = Promise.resolve()
        .then(task)
        .catch(onError)
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
