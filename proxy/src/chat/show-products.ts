import { cardEssentials } from '../catalog/cards';
import { validateProductIds, type ProductService } from '../catalog/products';
import type { ChatEvent } from '../contract/events';
import { showProductsTool, type ChatTool, type ToolContext } from './tools';

/** `show_products`: live cards from WooCommerce for the IDs the model chose, checked against the store. */
export function createShowProductsTool(products: ProductService): ChatTool {
  return {
    definition: showProductsTool,
    status: 'loading_products',
    run: (rawArguments, context) => showProducts(products, rawArguments, context),
  };
}

async function* showProducts(
  products: ProductService,
  rawArguments: string,
  context: ToolContext,
): AsyncGenerator<ChatEvent, string> {
  let args: unknown;
  try {
    args = JSON.parse(rawArguments);
  } catch {
    return JSON.stringify({ error: 'arguments were not valid JSON; pass {"product_ids":[...]}' });
  }
  const { ids, problems } = validateProductIds(args, context.settings.maxProductsPerCall);
  if (!ids.length) return JSON.stringify({ error: 'no valid product IDs', problems });
  try {
    const { cards, unavailable, stale } = await products.getCards(ids);
    if (cards.length) yield { type: 'products', data: cards };
    return JSON.stringify({
      shown: cards.map(cardEssentials),
      ...(unavailable.length
        ? { unavailable_ids: unavailable, note: 'These IDs are not available to shoppers; do not mention them.' }
        : {}),
      ...(stale ? { warning: 'The store could not be reached; prices and stock may be out of date. Say so.' } : {}),
      ...(problems.length ? { problems } : {}),
    });
  } catch (error) {
    context.logger.warn({ err: error }, 'show_products failed');
    return JSON.stringify({
      error: 'The store could not be reached, so live prices and stock cannot be shown right now. Tell the shopper.',
    });
  }
}
