import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { chatBodySchema } from '../chat/body';

/**
 * `/openapi.json`, generated from the zod schemas the routes validate with.
 * Feature modules add their paths through `ApiDocs.add`; a test compares the
 * spec's paths with the routes Express really serves, so the two cannot drift.
 */
export interface ApiDocs {
  add(route: RouteConfig): void;
  document(): object;
}

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), retry_after: z.number().optional() }),
});

export const jsonError = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBody } },
});

export const jsonBody = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

export function createApiDocs(options: { version: string; maxMessageChars: number; maxImageBytes?: number }): ApiDocs {
  const registry = new OpenAPIRegistry();
  const chatBody = chatBodySchema({ maxMessageChars: options.maxMessageChars, maxImageBytes: options.maxImageBytes });

  const card = z.object({
    id: z.number().int(),
    name: z.string(),
    permalink: z.string(),
    image: z.object({ src: z.string(), alt: z.string() }).nullable(),
    price: z.string(),
    regular_price: z.string(),
    sale_price: z.string(),
    on_sale: z.boolean(),
    currency: z.string(),
    price_html: z.string(),
    stock_status: z.enum(['instock', 'outofstock', 'onbackorder']),
    stock_quantity: z.number().nullable(),
    type: z.string(),
    variations: z.array(z.object({ id: z.number(), attributes: z.record(z.string(), z.string()), price: z.string() })),
    // Variable products with no synced variations: the options to choose on the product page.
    variation_attributes: z.array(z.object({ name: z.string(), options: z.array(z.string()) })).optional(),
    stale: z.boolean().optional(),
  });

  const comparison = z.object({
    items: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        permalink: z.string(),
        price_html: z.string(),
        regular_price_html: z.string().optional(),
        stock_status: z.enum(['instock', 'outofstock', 'onbackorder']),
        rating: z.number().nullable(),
        rating_count: z.number().int(),
        attributes: z.record(z.string(), z.string()),
      }),
    ),
    rows: z.array(z.string()),
  });

  registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Health: configuration and dependencies, without paid calls',
    responses: {
      200: jsonBody(
        'Ready (or degraded)',
        z.object({
          status: z.enum(['healthy', 'degraded', 'not_ready']),
          environment: z.enum(['configured', 'missing_variables']),
          missing_vars: z.array(z.string()).nullable(),
        }),
      ),
      503: { description: 'Not ready: required variables missing or the store unreachable' },
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/chat/stream',
    summary: 'Stream one shopper turn as Server-Sent Events',
    description:
      'Events, one `data: <json>` line each: `thread_id` first, then `text` (content), `products` (data), `comparison` (data), `status`, `error` (code, message, retryable), and `done` last.',
    request: { body: { content: { 'application/json': { schema: chatBody } } } },
    responses: {
      200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
      400: jsonError('Invalid body'),
      401: jsonError('Missing or invalid shopper session'),
      413: jsonError('Body too large'),
      429: jsonError('Rate limited'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/chat',
    summary: 'One shopper turn, answered as one JSON document (non-streaming mode)',
    request: { body: { content: { 'application/json': { schema: chatBody } } } },
    responses: {
      200: jsonBody(
        'The reply',
        z.object({ thread_id: z.string(), reply: z.string(), products: z.array(card), message_id: z.string().optional() }),
      ),
      400: jsonError('Invalid body'),
      413: jsonError('Body too large'),
      502: jsonError('The assistant failed'),
      503: jsonError('The assistant is unavailable; retry later'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/chat/history',
    summary: "A thread's messages and product cards, for restoring the widget",
    request: { query: z.object({ thread_id: z.string() }) },
    responses: {
      200: jsonBody(
        'Messages',
        z.object({
          thread_id: z.string(),
          messages: z.array(
            z.object({
              role: z.enum(['user', 'assistant']),
              content: z.string(),
              products: z.array(card).optional(),
              parts: z
                .array(
                  z.union([
                    z.object({ type: z.literal('text'), content: z.string() }),
                    z.object({ type: z.literal('products'), data: z.array(card) }),
                    z.object({ type: z.literal('comparison'), data: comparison }),
                    z
                      .object({ type: z.literal('image'), alt: z.string() })
                      .describe('A photo the shopper sent: its bytes are not returned'),
                  ]),
                )
                .optional()
                .describe('Text and cards in the order they came, so a restored answer reads like the live one'),
            }),
          ),
        }),
      ),
      400: jsonError('thread_id missing'),
      404: jsonError('No such thread for this shopper'),
    },
  });

  return {
    add: (route) => registry.registerPath(route),
    document() {
      const generator = new OpenApiGeneratorV31(registry.definitions);
      return generator.generateDocument({
        openapi: '3.1.0',
        info: {
          title: 'Aisle proxy',
          version: options.version,
          description:
            'The Aisle proxy: chat streaming, catalog sync and store administration for the Aisle WooCommerce assistant.',
        },
      });
    },
  };
}
