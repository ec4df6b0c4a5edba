import OpenAI from 'openai';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../store/types';
import type { ConversationIndex } from './conversation-index';

export interface RetentionDeps {
  index: ConversationIndex;
  /** Removes our thread mapping (ThreadRepository.remove) and what hangs off it (feedback). */
  removeThread: (threadId: string, tenant: string) => Promise<void>;
  /** The store's OpenAI client, or null when it has none. */
  openaiFor: (tenant: string) => Promise<OpenAI | null>;
  ttlDays: number;
  /** A store's own retention in days (never longer than `ttlDays`). */
  ttlDaysFor?: (tenant: string) => Promise<number>;
  logger: Logger;
  now?: () => number;
}

export interface RetentionReport {
  checked: number;
  forgotten: number;
  /** Conversations whose upstream delete failed; they are tried again next run. */
  failed: number;
}

/**
 * Forget conversations older than the retention period: our thread mapping and
 * the OpenAI Conversation (a 404 upstream means it is already gone). An entry
 * whose upstream delete fails stays in the index for the next run.
 */
export function createRetentionJob(deps: RetentionDeps) {
  const now = deps.now ?? Date.now;
  return async function runRetention(): Promise<RetentionReport> {
    const defaultCutoff = now() - deps.ttlDays * 86_400_000;
    const cutoffs = new Map<string, number>();
    const cutoffFor = async (tenant: string): Promise<number> => {
      if (!deps.ttlDaysFor) return defaultCutoff;
      let cutoff = cutoffs.get(tenant);
      if (cutoff === undefined) {
        const days = Math.min(deps.ttlDays, await deps.ttlDaysFor(tenant).catch(() => deps.ttlDays));
        cutoff = now() - days * 86_400_000;
        cutoffs.set(tenant, cutoff);
      }
      return cutoff;
    };
    const entries = await deps.index.list();
    const report: RetentionReport = { checked: entries.length, forgotten: 0, failed: 0 };
    for (const entry of entries) {
      if (entry.created_at > (await cutoffFor(entry.tenant))) continue;
      try {
        await deps.removeThread(entry.thread_id, entry.tenant);
        if (entry.conversation_id) {
          const openai = await deps.openaiFor(entry.tenant);
          if (openai) {
            await openai.conversations.delete(entry.conversation_id).catch((error: unknown) => {
              if (!(error instanceof OpenAI.NotFoundError)) throw error;
            });
          }
        }
        await deps.index.forget(entry.conversation_id || `local:${entry.thread_id}`);
        report.forgotten++;
      } catch (error) {
        report.failed++;
        deps.logger.warn({ err: error, tenant: entry.tenant }, 'retention: could not forget a conversation');
      }
    }
    if (report.forgotten || report.failed) deps.logger.info(report, 'retention run');
    return report;
  };
}

/**
 * Run retention every `intervalMs`, on one instance at a time (a lock in the
 * shared store). The timer does not keep the process alive.
 */
export function scheduleRetention(options: {
  run: () => Promise<RetentionReport>;
  store: KeyValueStore;
  intervalMs: number;
  logger: Logger;
}): { stop(): void; runNow(): Promise<RetentionReport | null> } {
  const lockKey = 'retention:lock';
  const runNow = async (): Promise<RetentionReport | null> => {
    const token = `${process.pid}:${Date.now()}:${Math.random()}`;
    const locked = await options.store.setIfAbsent(lockKey, token, Math.max(60_000, options.intervalMs)).catch(() => false);
    if (!locked) return null;
    try {
      return await options.run();
    } catch (error) {
      options.logger.warn({ err: error }, 'retention run failed');
      return null;
    } finally {
      await options.store.deleteIfEquals(lockKey, token).catch(() => undefined);
    }
  };
  const timer = setInterval(() => void runNow(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runNow };
}
