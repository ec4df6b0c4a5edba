/**
 * Scripted model rounds for the history tests (chat and browser): one response that says a
 * sentence and then calls `show_products`, as a model does when it introduces what it shows.
 * Built with the fake's own event builder, so the stream and the stored conversation items
 * are exactly what the default scripts produce.
 */
import { IdFactory } from '../fakes/openai/ids';
import { splitIntoDeltas } from '../fakes/openai/responses/brain';
import { buildCompletedStream } from '../fakes/openai/responses/events';
import type { ResponseScript } from '../fakes/openai/types';

/** Ids in the real formats that cannot collide with the fake's own counter ("fa4e…"). */
class ScriptIds extends IdFactory {
  override next(prefix: string): string {
    return super.next(prefix).replace('fa4e', 'fb5e');
  }
}
const ids = new ScriptIds();

/** Reasoning, then `text` streamed word by word, then `show_products` for `productIds`. */
export function textThenProducts(text: string, productIds: number[]): ResponseScript {
  return {
    kind: 'events',
    events: (ctx) =>
      buildCompletedStream(
        ctx.response(),
        [
          { type: 'reasoning' },
          { type: 'message', chunks: splitIntoDeltas(text) },
          { type: 'function_call', name: 'show_products', arguments: JSON.stringify({ product_ids: productIds }) },
        ],
        ids,
        32,
      ).events,
  };
}
