import type { ChatEvent } from '../contract/events';
import type { ProductService } from '../catalog/products';
import type { CatalogSearch } from '../search';
import { detectLanguage, offlineReply } from '../search';
import type { ChatRequest } from './types';

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
    const search = await deps.search();
    const hits = search ? search.search(request.message, { limit: deps.limit ?? 6 }) : [];
    yield { type: 'text', content: offlineReply(request.message, hits, detectLanguage(request.message)) };
    if (!hits.length) return;
    const { cards } = await deps.products.getCards(hits.map((h) => h.id));
    if (cards.length) yield { type: 'products', data: cards };
  };
}
