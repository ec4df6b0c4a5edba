import { z } from 'zod';
import { jsonBody, jsonError, type ApiDocs } from '../http/openapi';
import { COUNTERS } from './keys';
import { MAX_RANGE_DAYS, RETENTION_DAYS } from './days';

const signedHeaders = z.object({
  'x-aisle-site': z.string(),
  'x-aisle-timestamp': z.string(),
  'x-aisle-nonce': z.string(),
  'x-aisle-signature': z.string(),
});

const modelUsage = z.object({ tokens_in: z.number(), tokens_out: z.number(), cost_usd: z.number().nullable() });
const counts = z.object({
  ...Object.fromEntries(COUNTERS.map((c) => [c, z.number().int()])),
  tokens_in: z.number().int(),
  tokens_out: z.number().int(),
  cost_usd: z.number().nullable().describe('Estimated USD from the price table; null when a model used has no price'),
  models: z.record(z.string(), modelUsage),
});
const ranked = z.array(z.object({ term: z.string(), count: z.number().int() }));
const products = z.array(z.object({ product_id: z.number().int(), count: z.number().int() }));

const report = z.object({
  site: z.string(),
  from: z.string(),
  to: z.string(),
  timezone: z.literal('UTC'),
  retention_days: z.number().int(),
  days: z.array(counts.extend({ date: z.string() })),
  totals: counts,
  top_products: z.object({ shown: products, clicked: products, added: products }),
  top_terms: ranked,
  top_phrases: ranked,
  prices: z.object({
    taken: z.string().describe('The date the price table was taken'),
    currency: z.literal('USD'),
    unit: z.literal('per 1M tokens'),
    models: z.record(z.string(), z.object({ input: z.number(), output: z.number(), note: z.string().optional() })),
    unpriced_models: z.array(z.string()),
  }),
});

/** The OpenAPI entry of `GET /api/admin/insights` (signed like the other admin routes). */
export function describeInsightsRoute(docs: ApiDocs): void {
  docs.add({
    method: 'get',
    path: '/api/admin/insights',
    summary:
      "A store's daily conversations, messages, products shown/clicked/added, tokens, estimated cost and top question terms",
    description: `UTC days, both ends inclusive; \`to\` defaults to today and \`from\` to 29 days earlier; at most ${MAX_RANGE_DAYS} days. Counters are kept ${RETENTION_DAYS} days.`,
    request: {
      headers: signedHeaders,
      query: z.object({ from: z.string().optional().describe('YYYY-MM-DD'), to: z.string().optional().describe('YYYY-MM-DD') }),
    },
    responses: {
      200: jsonBody('Insights', report),
      400: jsonError('A bad date or range (`bad_request`)'),
      401: jsonError('Missing, wrong or replayed signature'),
    },
  });
}
