import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { WIDGET_EVENT_TYPES, type WidgetEventBatch, type WidgetEventBody } from '../contract/events';
import { ApiError } from '../http/errors';
import { jsonError, type ApiDocs } from '../http/openapi';
import type { Metrics } from './registry';

export interface MetricsRouterDeps {
  metrics: Metrics;
  /** `AISLE_METRICS_SECRET`: when set, `GET /metrics` needs `Authorization: Bearer <secret>`. */
  secret?: string | undefined;
}

function bearerMatches(req: Request, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `GET /metrics` in the Prometheus text format. */
export function createMetricsRouter(deps: MetricsRouterDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (deps.secret && !bearerMatches(req, deps.secret)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <AISLE_METRICS_SECRET>.');
    }
    const body = await deps.metrics.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(deps.metrics.registry.contentType).send(body);
  });
  return router;
}

/** The widget's analytics body; the contract type is checked against it at compile time below. */
export const widgetEventSchema = z
  .object({
    type: z.enum(WIDGET_EVENT_TYPES),
    product_id: z.number().int().positive().max(2_147_483_647).optional(),
    thread_id: z.string().min(1).max(200).optional(),
    rating: z.enum(['up', 'down']).optional(),
  })
  .strict();

/** Most events one request may carry; the widget flushes its queue before it grows past this. */
export const WIDGET_EVENT_BATCH_MAX = 50;

export const widgetEventBatchSchema = z
  .object({ events: z.array(widgetEventSchema).min(1).max(WIDGET_EVENT_BATCH_MAX) })
  .strict();

type SameAs<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const contractMatches: SameAs<z.infer<typeof widgetEventSchema>, WidgetEventBody> = true;
const batchMatches: SameAs<z.infer<typeof widgetEventBatchSchema>, WidgetEventBatch> = true;
void contractMatches;
void batchMatches;

/** A full batch of the largest events is about 8 KB; anything much larger is not one. */
export const WIDGET_EVENT_MAX_BYTES = 16 * 1024;

export interface WidgetEventsRouterDeps {
  metrics: Metrics;
  limit?: ((req: Request) => Promise<void>) | null;
  /**
   * The store the events belong to, from the request's shopper session (null: no valid
   * session). Events without a store are counted in /metrics only.
   */
  storeOf?: (req: Request) => Promise<string | null>;
  /** Per-store counting (the owner's insights). */
  onEvents?: (store: string, events: WidgetEventBody[]) => void;
}

/**
 * `POST /api/events`: the widget reports opens, messages, card clicks, variations, add-to-cart,
 * handoffs and feedback, one event or a batch (`{ "events": [...] }`, at most 50); 204, or 400 on a
 * bad body, 413 above 16 KB, 429 past the per-IP limit. It reads its own body (mount it before the
 * app's JSON parser), so a refused or oversized request costs no more than 16 KB of reading.
 */
export function createWidgetEventsRouter(deps: WidgetEventsRouterDeps): Router {
  const router = Router();
  router.post(
    '/api/events',
    async (req, _res, next) => {
      await deps.limit?.(req);
      next();
    },
    express.json({ limit: WIDGET_EVENT_MAX_BYTES, strict: false, type: ['application/json', 'application/*+json'] }),
    async (req, res) => {
      const body: unknown = req.body;
      const events =
        typeof body === 'object' && body !== null && 'events' in body
          ? widgetEventBatchSchema.parse(body).events
          : [widgetEventSchema.parse(body)];
      for (const event of events) deps.metrics.widgetEvent(event.type);
      const store = deps.storeOf ? await deps.storeOf(req).catch(() => null) : null;
      if (store !== null) deps.onEvents?.(store, events);
      res.status(204).end();
    },
  );
  return router;
}

/** OpenAPI entries for `/metrics` and `/api/events` (served routes and the spec are compared by a test). */
export function describeMetricsRoutes(docs: ApiDocs): void {
  docs.add({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (text exposition format)',
    description: 'Protected by `Authorization: Bearer <AISLE_METRICS_SECRET>` when that variable is set; open otherwise.',
    responses: {
      200: { description: 'Metrics', content: { 'text/plain': { schema: z.string() } } },
      401: jsonError('Missing or wrong metrics secret'),
    },
  });
  docs.add({
    method: 'post',
    path: '/api/events',
    summary: 'Widget analytics: one event or a batch of up to 50 (counted in /metrics, and for the store of the session)',
    description:
      'Send the shopper session token (`Authorization: Bearer`) as chat does: without a valid one the events are counted in /metrics only, never for a store. Events never carry message text.',
    request: {
      body: { content: { 'application/json': { schema: z.union([widgetEventSchema, widgetEventBatchSchema]) } } },
    },
    responses: {
      204: { description: 'Counted' },
      400: jsonError('Invalid body'),
      413: jsonError('Body larger than 16 KB'),
      429: jsonError('Too many events from this address (`Retry-After`)'),
    },
  });
}
