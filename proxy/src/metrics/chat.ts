import type { ChatEvent } from '../contract/events';
import type { ChatRequest } from '../chat/types';
import type { Metrics, ChatOutcome } from './registry';

interface Conversing {
  converse(request: ChatRequest): AsyncGenerator<ChatEvent>;
}

/**
 * Counts a chat service's turns from the events it yields, so the chat code
 * needs no metrics calls: started, finished (ok / error / aborted), product
 * cards shown, error events by code, and the shopper's time to first text.
 */
export function instrumentChat<T extends Conversing>(chat: T, metrics: Metrics): T {
  async function* converse(request: ChatRequest): AsyncGenerator<ChatEvent> {
    const started = performance.now();
    let outcome: ChatOutcome | null = null;
    let firstText = true;
    metrics.chatStarted();
    try {
      for await (const event of chat.converse(request)) {
        if (event.type === 'text' && firstText) {
          firstText = false;
          metrics.chatTimeToFirstText((performance.now() - started) / 1000);
        } else if (event.type === 'products') {
          metrics.productsShown(event.data.length);
        } else if (event.type === 'error') {
          outcome = 'error';
          metrics.error(event.code);
        }
        yield event;
      }
      outcome ??= request.signal.aborted ? 'aborted' : 'ok';
    } finally {
      // Reached without an outcome when the consumer stopped early (the shopper went away) or the generator threw.
      metrics.chatFinished(outcome ?? (request.signal.aborted ? 'aborted' : 'error'));
    }
  }
  return { ...chat, converse };
}
