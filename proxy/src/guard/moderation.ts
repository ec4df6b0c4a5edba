import type OpenAI from 'openai';
import type { Logger } from '../logging/logger';

export const MODERATION_MODEL = 'omni-moderation-latest';

export type ModerationCheck = (openai: OpenAI, text: string, signal: AbortSignal) => Promise<boolean>;

/**
 * Checks a shopper message with the moderation endpoint before any tokens are
 * spent on an answer. True means "flagged". A moderation outage does not stop
 * the shop: the message goes through and the failure is logged.
 */
export function createModerationCheck(options: { logger: Logger; timeoutMs?: number }): ModerationCheck {
  return async (openai, text, signal) => {
    try {
      const result = await openai.moderations.create(
        { model: MODERATION_MODEL, input: text },
        { signal, timeout: options.timeoutMs ?? 5000, maxRetries: 0 },
      );
      return result.results.some((r) => r.flagged);
    } catch (error) {
      if (signal.aborted) throw error;
      options.logger.warn({ err: error }, 'moderation check failed; message allowed');
      return false;
    }
  };
}
