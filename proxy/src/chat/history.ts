import type OpenAI from 'openai';
import type { ComparisonTable, HistoryMessage, ProductCard } from '../contract/events';
import type { ProductService } from '../catalog/products';
import { createLinkFilter } from '../guard/link-filter';
import { offerFromOutput } from '../handoff/tool';
import { SHOW_PRODUCTS } from './tools';

const CONTEXT_SUFFIX = /\n\n\[The shopper is viewing the product with System_ID \d+\.\]$/;

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : '';
  return content
    .map((part: { type?: string; text?: string }) =>
      part && (part.type === 'input_text' || part.type === 'output_text') ? (part.text ?? '') : '',
    )
    .join('');
}

/** How many photos a message carries (never their bytes: history shows a placeholder). */
function photoCount(content: unknown): number {
  return Array.isArray(content) ? content.filter((part: { type?: string }) => part?.type === 'input_image').length : 0;
}

/** The placeholder a restored message shows for each photo the shopper sent. */
export const PHOTO_PLACEHOLDER_ALT = 'Photo sent by the shopper';

function shownIds(output: unknown): number[] {
  if (typeof output !== 'string') return [];
  try {
    const parsed = JSON.parse(output) as { shown?: Array<{ id?: unknown }> };
    return (parsed.shown ?? []).map((s) => s.id).filter((id): id is number => typeof id === 'number');
  } catch {
    return [];
  }
}

/** The IDs a `compare_products` output names (its `compared` list). */
function comparedIds(output: unknown): number[] {
  if (typeof output !== 'string') return [];
  try {
    const parsed = JSON.parse(output) as { compared?: Array<{ id?: unknown }> };
    return (parsed.compared ?? []).map((c) => c.id).filter((id): id is number => typeof id === 'number');
  } catch {
    return [];
  }
}

type HistoryPart = NonNullable<HistoryMessage['parts']>[number];

/** One shopper turn's answer, built up item by item. */
class AnswerBuilder {
  readonly parts: HistoryPart[] = [];
  /** A tool ran since the last text: the next text is a new part, as the live stream shows it. */
  private textClosed = false;
  /** The last assistant message item: the answer's id, as `done.message_id` named it live. */
  messageId: string | null = null;

  addText(text: string): void {
    const last = this.parts.at(-1);
    if (last?.type === 'text' && !this.textClosed) last.content += `\n\n${text}`;
    else this.parts.push({ type: 'text', content: text });
    this.textClosed = false;
  }

  addCards(cards: ProductCard[]): void {
    if (cards.length) this.parts.push({ type: 'products', data: cards });
    this.textClosed = true;
  }

  addComparison(table: ComparisonTable | null): void {
    if (table) this.parts.push({ type: 'comparison', data: table });
    this.textClosed = true;
  }

  addPart(part: HistoryPart): void {
    this.parts.push(part);
    this.textClosed = true;
  }

  /** A catalog search or a product lookup: live, the shopper sees a status line, which ends the paragraph. */
  closeText(): void {
    this.textClosed = true;
  }

  toMessage(): HistoryMessage | null {
    if (!this.parts.length) return null;
    const content = this.parts.flatMap((p) => (p.type === 'text' ? [p.content] : [])).join('\n\n');
    const products = this.parts.flatMap((p) => (p.type === 'products' ? p.data : []));
    return {
      role: 'assistant',
      content,
      ...(products.length ? { products } : {}),
      parts: this.parts,
      ...(this.messageId ? { message_id: this.messageId } : {}),
    };
  }
}

/**
 * A conversation's messages for the widget to restore after a reload: the shopper's text, and
 * each answer as one message whose `parts` keep the order of its text and product cards (rebuilt
 * from live WooCommerce data), as the live stream showed them.
 */
export async function loadHistory(
  deps: {
    openai: OpenAI;
    products: ProductService;
    allowedHosts: ReadonlySet<string>;
    /** Rebuilds a comparison table from live data; without it, past comparisons are left out. */
    comparison?: (ids: number[]) => Promise<ComparisonTable | null>;
  },
  conversationId: string,
  signal?: AbortSignal,
): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  let answer = new AnswerBuilder();
  const endAnswer = () => {
    const message = answer.toMessage();
    if (message) messages.push(message);
    answer = new AnswerBuilder();
  };
  for await (const item of deps.openai.conversations.items.list(conversationId, { order: 'asc', limit: 100 }, { signal })) {
    if (item.type === 'message') {
      const text = textOf(item.content);
      if (item.role === 'user') {
        endAnswer();
        const content = text.replace(CONTEXT_SUFFIX, '');
        const photos = photoCount(item.content);
        const parts: HistoryPart[] = [
          ...Array.from({ length: photos }, () => ({ type: 'image' as const, alt: PHOTO_PLACEHOLDER_ALT })),
          ...(content ? [{ type: 'text' as const, content }] : []),
        ];
        messages.push({ role: 'user', content, ...(photos ? { parts } : {}) });
      } else if (item.role === 'assistant' && text) {
        // The same rule as the live stream: links only to the store.
        const filter = createLinkFilter(deps.allowedHosts);
        answer.addText(filter.push(text) + filter.flush());
        if (item.id) answer.messageId = item.id;
      }
    } else if (item.type === 'file_search_call' || (item.type === 'function_call' && item.name === SHOW_PRODUCTS)) {
      answer.closeText();
    } else if (item.type === 'function_call_output') {
      const compared = comparedIds(item.output);
      if (compared.length) {
        if (deps.comparison) answer.addComparison(await deps.comparison(compared).catch(() => null));
        continue;
      }
      const offer = offerFromOutput(item.output);
      if (offer) answer.addPart({ type: 'handoff', data: offer });
      const ids = shownIds(item.output);
      if (ids.length) answer.addCards((await deps.products.getCards(ids)).cards);
    }
  }
  endAnswer();
  return messages;
}
