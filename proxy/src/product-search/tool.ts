import type { ChatEvent } from '../contract/events';
import type { ChatTool, ToolContext } from '../chat/tools';
import type { SearchableProduct } from '../search';
import { englishNameOf } from '../search';
import { plainText } from '../search/plain-text';
import { parseSearchArguments } from './arguments';
import { searchProductsTool } from './definition';
import { lowestPrice, pricesOf } from './filters';
import { runSearch, type SearchableCatalog } from './search';

export interface ProductSearchDeps {
  /** The last synced catalog and its index; null before the first sync. */
  catalog: () => Promise<SearchableCatalog | null>;
  /** ISO 4217 code the prices are in. */
  currency: string;
}

function priceText(product: SearchableProduct, currency: string): string | null {
  const low = lowestPrice(product);
  if (low === null) return null;
  const high = Math.max(...pricesOf(product));
  return high > low ? `${low.toFixed(2)}–${high.toFixed(2)} ${currency}` : `${low.toFixed(2)} ${currency}`;
}

/** What the model reads per product: enough to choose, never enough to quote a price as live. */
function summary(product: SearchableProduct, currency: string) {
  const nameEn = englishNameOf(product);
  return {
    id: product.id,
    name: plainText(product.name),
    ...(nameEn ? { name_en: nameEn } : {}),
    price: priceText(product, currency),
    on_sale: product.on_sale,
    stock_status: product.stock_status,
    categories: (product.categories ?? []).map((c) => plainText(c.name)),
    ...(product.attributes?.length
      ? { attributes: Object.fromEntries(product.attributes.map((a) => [a.name, (a.options ?? []).join(', ')])) }
      : {}),
  };
}

/**
 * `search_products`: structured search over the synced catalog. It answers with IDs
 * and short summaries only; the shopper sees products through `show_products`, whose
 * live WooCommerce checks (price, stock, hidden or draft refused) stay the one path
 * to the screen. The model usually shows a few of the matches, or compares them, so
 * yielding every match as cards here would show more than it means to.
 */
export function createProductSearchTool(deps: ProductSearchDeps): ChatTool {
  return {
    definition: searchProductsTool,
    status: 'searching_catalog',
    run: (rawArguments, context) => searchProducts(deps, rawArguments, context),
  };
}

async function* searchProducts(
  deps: ProductSearchDeps,
  rawArguments: string,
  context: ToolContext,
): AsyncGenerator<ChatEvent, string> {
  const parsed = parseSearchArguments(rawArguments);
  if (!parsed.ok) return JSON.stringify({ error: parsed.error });
  let catalog: SearchableCatalog | null;
  try {
    catalog = await deps.catalog();
  } catch (error) {
    context.logger.warn({ err: error }, 'search_products could not read the synced catalog');
    catalog = null;
  }
  if (!catalog)
    return JSON.stringify({ error: 'The catalog index is not ready yet (no completed sync). Use file_search instead.' });
  const outcome = runSearch(catalog, parsed.request);
  if ('error' in outcome) return JSON.stringify({ error: outcome.error });
  return JSON.stringify({
    total_matches: outcome.total,
    results: outcome.products.map((p) => summary(p, deps.currency)),
    ...(outcome.note ? { note: outcome.note } : {}),
    next_step:
      outcome.total > 0
        ? 'Prices here are from the last catalog sync. Call show_products with the IDs to show (live price and stock), or compare_products to compare 2 to 4 of them.'
        : 'Nothing matched. Loosen a filter, or try other words.',
  });
}
