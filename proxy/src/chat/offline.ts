import type { ChatEvent } from '../contract/events';
import type { ProductService } from '../catalog/products';
import type { CatalogSearch } from '../search';
import { detectLanguage, offlineReply } from '../search';
import type { ChatRequest } from './types';

const PHOTO_OFFLINE = {
  he: 'במצב לא מקוון אין באפשרותי לראות תמונות; אחפש לפי המילים שכתבת.',
  en: "I can't look at photos while offline; I'll search by your words instead.",
} as const;

/**
 * The offline catalog assistant: no model, just the local catalog search. It
 * says plainly that it is offline, and shows cards through the same events.
 */
export function createOfflineResponder(deps: {
  search: () => Promise<CatalogSearch | null>;
  products: ProductService;
  limit?: number;
}) {
  return async function* respond(request: ChatRequest): AsyncGenerator<ChatEvent> {
    yield { type: 'status', status: 'offline' };
    // Only the model sees photos: say so, then search by the words that came with it.
    if (request.image) yield { type: 'text', content: `${PHOTO_OFFLINE[detectLanguage(request.message)]}\n\n` };
    const search = await deps.search();
    const hits = search ? search.search(request.message, { limit: deps.limit ?? 6 }) : [];
    yield { type: 'text', content: offlineReply(request.message, hits, detectLanguage(request.message)) };
    if (!hits.length) return;
    const { cards } = await deps.products.getCards(hits.map((h) => h.id));
    if (cards.length) yield { type: 'products', data: cards };
  };
}
