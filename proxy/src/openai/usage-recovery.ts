import type OpenAI from 'openai';
import type { Logger } from '../logging/logger';

export interface RecoveredUsage {
  input: number;
  output: number;
}

/** How long to wait before each look at the stored response (ms). */
const LOOKS_MS = [200, 1_000, 5_000, 15_000];
const STILL_RUNNING = new Set(['in_progress', 'queued']);

/**
 * The tokens of an answer whose stream ended before it said how many it used: the shopper left
 * mid-answer, the connection was cut or stalled, or it failed. OpenAI bills them all the same, so a
 * client that always aborts must still reach the daily cap. The turn's responses are stored
 * (`store: true`) and not background ones, so closing the stream stops the generation (only
 * background responses can be cancelled); the stored response then carries the usage. Runs in the
 * background, never before or during the shopper's answer; gives up quietly after the last look.
 */
export function recoverUsage(
  deps: { openai: OpenAI; logger: Logger; onUsage: (usage: RecoveredUsage) => void; looksMs?: readonly number[] },
  responseId: string,
): void {
  const looks = deps.looksMs ?? LOOKS_MS;
  const attempt = async (index: number): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, looks[index]).unref());
    const response = await deps.openai.responses.retrieve(responseId, {}, { maxRetries: 1, timeout: 10_000 });
    if (STILL_RUNNING.has(response.status ?? '') && index + 1 < looks.length) return attempt(index + 1);
    if (response.usage) deps.onUsage({ input: response.usage.input_tokens, output: response.usage.output_tokens });
    else deps.logger.info({ responseId, status: response.status }, 'no usage on an unfinished response');
  };
  attempt(0).catch((error: unknown) =>
    deps.logger.warn({ err: error, responseId }, 'could not read the usage of an unfinished response'),
  );
}
