import type { ChatEvent } from '../contract/events';
import type { ChatRequest } from '../chat/types';
import type { InsightsRecorder } from './recorder';

interface Conversing {
  converse(request: ChatRequest): AsyncGenerator<ChatEvent>;
}

/**
 * Counts a chat service's work for the store's insights from the events it yields, so
 * the chat code needs no insights calls: each message (and its terms), each new
 * conversation, and the product cards shown. Tokens come from the service's `onUsage`,
 * which knows the model.
 */
export function countChatInsights<T extends Conversing>(chat: T, recorder: InsightsRecorder): T {
  async function* converse(request: ChatRequest): AsyncGenerator<ChatEvent> {
    const tenant = request.shopper.tenant;
    recorder.message(tenant, request.message);
    for await (const event of chat.converse(request)) {
      if (event.type === 'thread_id' && event.new_thread) recorder.conversation(tenant);
      else if (event.type === 'products')
        recorder.productsShown(
          tenant,
          event.data.map((card) => card.id),
        );
      yield event;
    }
  }
  return { ...chat, converse };
}
