import type OpenAI from 'openai';
import type { Logger } from '../logging/logger';

export const MODERATION_MODEL = 'omni-moderation-latest';

/** `image` is a checked photo's data URL: the omni model reads it with the text. */
export type ModerationCheck = (openai: OpenAI, text: string, signal: AbortSignal, image?: string) => Promise<boolean>;

type ModerationInput = OpenAI.Moderations.ModerationCreateParams['input'];

/** The text alone, or the photo and the text (if any) as one multi-modal input: one result for both. */
function moderationInput(text: string, image: string | undefined): ModerationInput {
  if (!image) return text;
  return [{ type: 'image_url', image_url: { url: image } }, ...(text ? [{ type: 'text' as const, text }] : [])];
}

/**
 * Checks a shopper message (and photo) with the moderation endpoint before any tokens are
 * spent on an answer. True means "flagged". A moderation outage does not stop
 * the shop: the message goes through and the failure is logged.
 */
export function createModerationCheck(options: { logger: Logger; timeoutMs?: number }): ModerationCheck {
  return async (openai, text, signal, image) => {
    try {
      const result = await openai.moderations.create(
        { model: MODERATION_MODEL, input: moderationInput(text, image) },
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
