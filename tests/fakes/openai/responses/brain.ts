/**
 * The default "model": deterministic answers chosen from the last input item.
 *  (a) last item is a function_call_output -> a short text introducing the products;
 *  (b) a user message for which productIdsFor() finds IDs, and a `show_products` tool ->
 *      [file_search_call when a file_search tool is present] + show_products function call;
 *  (c) otherwise a greeting in the shopper's language (Hebrew or English).
 */
import type { Json } from '../state';
import { lastUserText, messageText, type ToolSummary } from './input';

export type PlannedItem =
  | { type: 'reasoning' }
  | { type: 'file_search_call'; queries: string[]; results: Json[] | null }
  | { type: 'message'; chunks: string[] }
  | { type: 'function_call'; name: string; arguments: string; callId?: string };

const HEBREW = /[\u0590-\u05FF]/;

export const BRAIN_TEXTS = {
  productsIntroHe: 'הנה כמה מוצרים שיכולים להתאים:',
  productsIntroEn: 'Here are a few products that might fit:',
  greetingHe: 'שלום! איך אפשר לעזור היום?',
  greetingEn: 'Hello! How can I help you today?',
} as const;

/** IDs from the real captured pet-shop catalog (/work/shared/woocommerce/real). */
const PRODUCT_WORDS: { pattern: RegExp; ids: number[] }[] = [
  { pattern: /חתול|\bcats?\b/i, ids: [48, 49, 50] },
  { pattern: /צעצוע|\btoys?\b|כדור/i, ids: [56] },
  { pattern: /כלב|\bdogs?\b|\bpupp(y|ies)\b|גור/i, ids: [39, 40, 41] },
  { pattern: /מזון|\bfood\b|\bshow\b|הראה|תראה|מוצר|\bproducts?\b/i, ids: [39, 48] },
];

export function defaultProductIdsFor(text: string): number[] {
  return PRODUCT_WORDS.find(({ pattern }) => pattern.test(text))?.ids ?? [];
}

/** Splits text into word-sized deltas that keep their leading spaces. */
export function splitIntoDeltas(text: string): string[] {
  const parts = text.match(/\s*\S+/g);
  return parts && parts.length > 0 ? parts : [text];
}

/** Splits function-call arguments into token-sized deltas (bigger for huge payloads). */
export function splitArguments(args: string): string[] {
  const size = Math.max(8, Math.ceil(args.length / 64));
  const chunks: string[] = [];
  for (let i = 0; i < args.length; i += size) chunks.push(args.slice(i, i + size));
  return chunks.length > 0 ? chunks : [''];
}

export interface BrainInput {
  inputItems: Json[];
  /** Items already in the conversation / previous-response chain. */
  historyItems: Json[];
  tools: ToolSummary;
  productIdsFor: (text: string) => number[];
  fileSearchResults: (query: string) => Json[] | null;
}

export function planDefaultAnswer(input: BrainInput): PlannedItem[] {
  const last = input.inputItems.at(-1);
  const allItems = [...input.historyItems, ...input.inputItems];
  const shopperText = lastUserText(allItems);
  const hebrew = HEBREW.test(shopperText);

  if (last?.type === 'function_call_output') {
    return [
      {
        type: 'message',
        chunks: splitIntoDeltas(hebrew || !shopperText ? BRAIN_TEXTS.productsIntroHe : BRAIN_TEXTS.productsIntroEn),
      },
    ];
  }

  const isUserMessage = last !== undefined && (last.type === undefined || last.type === 'message') && last.role === 'user';
  const text = isUserMessage ? messageText(last.content) : '';
  const productIds = isUserMessage ? input.productIdsFor(text) : [];
  if (productIds.length > 0 && input.tools.functionNames.includes('show_products')) {
    const plan: PlannedItem[] = [];
    if (input.tools.fileSearch) plan.push({ type: 'file_search_call', queries: [text], results: input.fileSearchResults(text) });
    plan.push({ type: 'function_call', name: 'show_products', arguments: JSON.stringify({ product_ids: productIds }) });
    return plan;
  }

  return [{ type: 'message', chunks: splitIntoDeltas(HEBREW.test(text) ? BRAIN_TEXTS.greetingHe : BRAIN_TEXTS.greetingEn) }];
}
