import type OpenAI from 'openai';
import type { HistoryMessage } from '../contract/events';
import type { ProductService } from '../catalog/products';
import { createLinkFilter } from '../guard/link-filter';

const CONTEXT_SUFFIX = /\n\n\[The shopper is viewing the product with System_ID \d+\.\]$/;

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : '';
  return content
    .map((part: { type?: string; text?: string }) =>
      part && (part.type === 'input_text' || part.type === 'output_text') ? (part.text ?? '') : '',
    )
    .join('');
}

function shownIds(output: unknown): number[] {
  if (typeof output !== 'string') return [];
  try {
    const parsed = JSON.parse(output) as { shown?: Array<{ id?: unknown }> };
    return (parsed.shown ?? []).map((s) => s.id).filter((id): id is number => typeof id === 'number');
  } catch {
    return [];
  }
}

/**
 * A conversation's messages for the widget to restore after a reload: shopper
 * and assistant text, with product cards rebuilt from live WooCommerce data.
 */
export async function loadHistory(
  deps: { openai: OpenAI; products: ProductService; allowedHosts: ReadonlySet<string> },
  conversationId: string,
  signal?: AbortSignal,
): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  let pendingProducts: number[] = [];
  for await (const item of deps.openai.conversations.items.list(conversationId, { order: 'asc', limit: 100 }, { signal })) {
    if (item.type === 'message') {
      const text = textOf(item.content);
      if (item.role === 'user') messages.push({ role: 'user', content: text.replace(CONTEXT_SUFFIX, '') });
      else if (item.role === 'assistant' && text) {
        // The same rule as the live stream: links only to the store.
        const filter = createLinkFilter(deps.allowedHosts);
        messages.push({ role: 'assistant', content: filter.push(text) + filter.flush() });
      }
    } else if (item.type === 'function_call_output') {
      pendingProducts = shownIds(item.output);
      if (pendingProducts.length) {
        const { cards } = await deps.products.getCards(pendingProducts);
        if (cards.length) messages.push({ role: 'assistant', content: '', products: cards });
      }
    }
  }
  return messages;
}
