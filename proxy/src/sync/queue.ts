/**
 * BullMQ transport for syncs when Redis is configured. The lock is still taken
 * by the caller (service.start), so BullMQ only carries the run to whichever
 * process has a worker: the proxy itself (`inline`) or `npm run sync:worker`.
 * Job results carry SyncErrors as data, so callers get the code and status back.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { SyncSuccess } from './engine';
import { SyncError, toSyncError, type SyncErrorCode } from './errors';
import type { SyncJobData, SyncJobQueue, SyncService } from './service';

export const SYNC_QUEUE_NAME = 'aisle-catalog-sync';

type JobOutcome =
  { ok: true; result: SyncSuccess } | { ok: false; error: { code: SyncErrorCode; message: string; status: number } };

/** BullMQ needs blocking connections that never give up on a command. */
function connection(redisUrl: string): IORedis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

export function createSyncQueue(options: { redisUrl: string; waitTimeoutMs?: number; queueName?: string }): SyncJobQueue {
  const name = options.queueName ?? SYNC_QUEUE_NAME;
  const queueConnection = connection(options.redisUrl);
  const eventsConnection = connection(options.redisUrl);
  const queue = new Queue<SyncJobData, JobOutcome>(name, { connection: queueConnection });
  const events = new QueueEvents(name, { connection: eventsConnection });
  const ready = events.waitUntilReady();
  return {
    name,
    async runJob(data) {
      await ready;
      const job = await queue.add('sync', data, { jobId: data.token, removeOnComplete: 100, removeOnFail: 100, attempts: 1 });
      const outcome = (await job.waitUntilFinished(events, options.waitTimeoutMs ?? 30 * 60_000)) as JobOutcome;
      if (outcome.ok) return outcome.result;
      throw new SyncError(outcome.error.code, outcome.error.message, outcome.error.status);
    },
    async close() {
      await events.close();
      await queue.close();
      queueConnection.disconnect();
      eventsConnection.disconnect();
    },
  };
}

/** Runs sync jobs with concurrency 1 (the lock makes more pointless). Close it on shutdown. */
export function startSyncWorker(options: { redisUrl: string; service: Pick<SyncService, 'runLocked'>; queueName?: string }): {
  worker: Worker;
  close(): Promise<void>;
} {
  const workerConnection = connection(options.redisUrl);
  const worker = new Worker<SyncJobData, JobOutcome>(
    options.queueName ?? SYNC_QUEUE_NAME,
    async (job) => {
      try {
        return { ok: true, result: await options.service.runLocked(job.data) };
      } catch (error) {
        const e = toSyncError(error);
        return { ok: false, error: { code: e.code, message: e.message, status: e.status } };
      }
    },
    { connection: workerConnection, concurrency: 1 },
  );
  return {
    worker,
    async close() {
      await worker.close();
      workerConnection.disconnect();
    },
  };
}
