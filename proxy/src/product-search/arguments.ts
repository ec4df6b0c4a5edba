import { z } from 'zod';
import { DEFAULT_RESULTS, MAX_RESULTS, SORT_ORDERS, type SortOrder } from './definition';

/** A search request after its arguments were checked. */
export interface SearchRequest {
  query: string;
  category: string | null;
  minPrice: number | null;
  maxPrice: number | null;
  inStock: boolean | null;
  onSale: boolean | null;
  attributes: Array<{ name: string; value: string }>;
  sort: SortOrder;
  limit: number;
}

const price = (which: string) =>
  z
    .number({ error: `${which} must be a number` })
    .finite()
    .min(0, { error: `${which} cannot be negative` })
    .nullish();

// nullish rather than nullable: a model outside strict mode may leave filters out.
const argumentsSchema = z
  .object({
    query: z.string().max(200, { error: 'query is too long (200 characters at most)' }).nullish(),
    category: z.string().max(100).nullish(),
    min_price: price('min_price'),
    max_price: price('max_price'),
    in_stock: z.boolean().nullish(),
    on_sale: z.boolean().nullish(),
    attributes: z
      .array(z.object({ name: z.string().trim().min(1), value: z.string().trim().min(1) }))
      .max(5, { error: 'at most 5 attribute filters' })
      .nullish(),
    sort: z.enum(SORT_ORDERS, { error: `sort must be one of ${SORT_ORDERS.join(', ')}` }).nullish(),
    limit: z
      .number()
      .int({ error: 'limit must be a whole number' })
      .min(1, { error: 'limit must be at least 1' })
      .max(MAX_RESULTS, { error: `limit must be at most ${MAX_RESULTS}` })
      .nullish(),
  })
  .refine((a) => a.min_price == null || a.max_price == null || a.min_price <= a.max_price, {
    error: 'min_price is greater than max_price',
    path: ['min_price'],
  });

export type ParsedArguments = { ok: true; request: SearchRequest } | { ok: false; error: string };

/** The model's arguments are untrusted: checked here, with an error text the model can act on. */
export function parseSearchArguments(raw: string): ParsedArguments {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'arguments were not valid JSON' };
  }
  const parsed = argumentsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    return { ok: false, error: `invalid filters: ${problems.join('; ')}` };
  }
  const a = parsed.data;
  return {
    ok: true,
    request: {
      query: a.query?.trim() ?? '',
      category: a.category?.trim() || null,
      minPrice: a.min_price ?? null,
      maxPrice: a.max_price ?? null,
      inStock: a.in_stock ?? null,
      onSale: a.on_sale ?? null,
      attributes: a.attributes ?? [],
      sort: a.sort ?? 'relevance',
      limit: a.limit ?? DEFAULT_RESULTS,
    },
  };
}
