import { isShopperVisible } from '../catalog/cards';
import { MAX_PRODUCT_ID } from '../catalog/products';
import type { ProductSource } from '../catalog/types';
import type { ChatTool, ToolContext } from '../chat/tools';
import type { ChatEvent, ComparisonTable } from '../contract/events';
import { compareProductsTool, MAX_COMPARED, MIN_COMPARED } from './definition';
import { toComparisonTable, type TableOptions } from './table';

export interface CompareDeps extends TableOptions {
  /** Live products: the store's WooCommerce client (one batched request), or the demo catalog. */
  source: ProductSource;
}

type ParsedIds = { ok: true; ids: number[] } | { ok: false; error: string };

function parseIds(raw: string): ParsedIds {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'arguments were not valid JSON; pass {"product_ids":[...]}' };
  }
  const list = typeof value === 'object' && value !== null ? (value as { product_ids?: unknown }).product_ids : undefined;
  if (!Array.isArray(list)) return { ok: false, error: 'product_ids must be an array of product IDs' };
  const bad = list.filter((id) => typeof id !== 'number' || !Number.isInteger(id) || id <= 0 || id > MAX_PRODUCT_ID);
  if (bad.length) return { ok: false, error: `not product IDs: ${bad.map((b) => JSON.stringify(b)).join(', ')}` };
  const ids = [...new Set(list as number[])];
  if (ids.length < MIN_COMPARED || ids.length > MAX_COMPARED)
    return {
      ok: false,
      error: `compare_products takes ${MIN_COMPARED} to ${MAX_COMPARED} different products; got ${ids.length}. ${
        ids.length < MIN_COMPARED ? 'Use show_products for one product.' : 'Ask the shopper which ones to compare.'
      }`,
    };
  return { ok: true, ids };
}

/** The model reads this instead of the table: short, so it summarizes rather than repeats. */
function summaryFor(table: ComparisonTable) {
  return {
    compared: table.items.map((item) => ({
      id: item.id,
      name: item.name,
      price: item.price_html,
      ...(item.regular_price_html ? { on_sale: true, regular_price: item.regular_price_html } : {}),
      stock_status: item.stock_status,
      rating: item.rating === null ? 'no reviews' : `${item.rating} of 5 (${item.rating_count} reviews)`,
      ...(Object.keys(item.attributes).length ? { attributes: item.attributes } : {}),
    })),
    note: 'The shopper sees this as a table. Point out the main differences in a sentence or two; do not repeat the table.',
  };
}

/**
 * `compare_products`: a comparison table from live store data. The products are read
 * in one request when the model asks (never from the synced copy), so price and stock
 * are the store's own; a product the shopper may not see refuses the whole table,
 * which the model then asks again without it.
 */
export function createCompareTool(deps: CompareDeps): ChatTool {
  return {
    definition: compareProductsTool,
    status: 'loading_products',
    run: (rawArguments, context) => compare(deps, rawArguments, context),
  };
}

type Loaded = { ok: true; table: ComparisonTable } | { ok: false; error: string; unreachable?: true };

/** The table for `ids` from live store data, or why not. */
async function loadComparison(deps: CompareDeps, ids: number[]): Promise<Loaded> {
  let found;
  try {
    found = await deps.source.getProductsByIds(ids);
  } catch {
    return {
      ok: false,
      unreachable: true,
      error: 'The store could not be reached, so live prices and stock cannot be compared right now. Tell the shopper.',
    };
  }
  const visible = new Map(found.filter(isShopperVisible).map((p) => [p.id, p]));
  const missing = ids.filter((id) => !visible.has(id));
  if (missing.length)
    return {
      ok: false,
      error: `These products are not available to shoppers: ${missing.join(', ')}. Do not mention them; compare only available products.`,
    };
  return {
    ok: true,
    table: toComparisonTable(
      ids.map((id) => visible.get(id)!),
      deps,
    ),
  };
}

/** A past comparison rebuilt from live data (restored history); null when it can no longer be shown. */
export async function comparisonTable(deps: CompareDeps, ids: number[]): Promise<ComparisonTable | null> {
  if (ids.length < MIN_COMPARED || ids.length > MAX_COMPARED) return null;
  const loaded = await loadComparison(deps, ids);
  return loaded.ok ? loaded.table : null;
}

async function* compare(deps: CompareDeps, rawArguments: string, context: ToolContext): AsyncGenerator<ChatEvent, string> {
  const parsed = parseIds(rawArguments);
  if (!parsed.ok) return JSON.stringify({ error: parsed.error });
  const loaded = await loadComparison(deps, parsed.ids);
  if (!loaded.ok) {
    if (loaded.unreachable) context.logger.warn({ ids: parsed.ids }, 'compare_products could not read the store');
    return JSON.stringify({ error: loaded.error });
  }
  yield { type: 'comparison', data: loaded.table };
  return JSON.stringify(summaryFor(loaded.table));
}
