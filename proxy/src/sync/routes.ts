/**
 * HTTP: GET|POST /api/sync (the original cron contract), GET /api/sync/status,
 * POST /api/webhooks/woocommerce. Mount this router BEFORE the app's JSON body
 * parser (createApp's `before`): the webhook needs the raw bytes to check the
 * signature, and installs its own express.raw parser with its own size limit.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { ApiError } from '../http/errors';
import { jsonBody, jsonError, type ApiDocs } from '../http/openapi';
import { isSyncError, toSyncError } from './errors';
import type { SyncService } from './service';
import { changeFromDelivery, isCreationPing, verifyWooSignature } from './webhook';

export interface SyncRouterDeps {
  /** `notifyChanges` marks a webhook's product, drops its card and schedules the debounced incremental sync. */
  service: Pick<SyncService, 'start' | 'status' | 'notifyChanges' | 'debouncer'>;
  logger: Logger;
  config: { syncSecret?: string; webhookSecret?: string; webhookMaxBytes: number };
}

const sha = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time: both sides are hashed to equal length first. */
function bearerMatches(header: string | undefined, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return Boolean(match) && timingSafeEqual(sha(match![1]!.trim()), sha(secret));
}

export function createSyncRoutes(deps: SyncRouterDeps): Router & { debouncer: SyncService['debouncer'] } {
  const router = Router();
  const { debouncer } = deps.service;

  const requireSecret = (req: Request) => {
    const secret = deps.config.syncSecret;
    if (secret && !bearerMatches(req.headers.authorization, secret)) {
      throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <AISLE_SYNC_SECRET>.');
    }
  };

  const runSync = async (req: Request, res: Response) => {
    requireSecret(req);
    const mode = req.query.mode === 'incremental' ? 'incremental' : 'full';
    try {
      res.json(await deps.service.start({ mode, trigger: `${req.method} /api/sync` }));
    } catch (error) {
      const e = toSyncError(error);
      // The error envelope of every route, plus the running sync's progress on a 409.
      res.status(e.status).json({
        status: 'error',
        message: e.message,
        error: { code: e.code, message: e.message },
        ...(e.progress ? { progress: e.progress } : {}),
      });
    }
  };
  router.get('/api/sync', runSync);
  router.post('/api/sync', runSync);

  router.get('/api/sync/status', async (req, res) => {
    requireSecret(req);
    res.json(await deps.service.status());
  });

  router.post(
    '/api/webhooks/woocommerce',
    express.raw({ type: () => true, limit: deps.config.webhookMaxBytes }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body)) {
        // Another body parser ran first and the raw bytes are gone: the signature cannot be checked.
        throw new ApiError(500, 'webhook_misconfigured', 'The webhook route must be mounted before the JSON body parser.');
      }
      const raw = req.body;
      const signature = req.header('x-wc-webhook-signature');
      if (isCreationPing(raw, signature)) {
        res.json({ ok: true, ping: true });
        return;
      }
      const secret = deps.config.webhookSecret;
      if (!secret)
        throw new ApiError(
          404,
          'webhooks_not_configured',
          'Webhooks are off here: set WOO_WEBHOOK_SECRET to the secret of the WooCommerce webhook.',
        );
      if (!verifyWooSignature(raw, signature, secret)) {
        deps.logger.warn({ topic: req.header('x-wc-webhook-topic'), reqId: req.id }, 'webhook with a bad signature refused');
        throw new ApiError(401, 'invalid_signature', 'X-WC-Webhook-Signature does not match the body.');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ApiError(400, 'invalid_json', 'The webhook body is not JSON.');
      }
      const topic = req.header('x-wc-webhook-topic');
      const change = changeFromDelivery(topic, body);
      if (!change) {
        res.json({ ok: true, ignored: true, topic: topic ?? null });
        return;
      }
      await deps.service.notifyChanges(change.kind === 'deleted' ? { deletedIds: [change.id] } : { productIds: [change.id] });
      res.status(202).json({ ok: true, queued: true, product_id: change.id, change: change.kind });
    },
  );

  return Object.assign(router, { debouncer });
}

const syncResult = z.object({
  status: z.enum(['success', 'skipped']),
  message: z.string(),
  skipped: z.boolean(),
  hash: z.string(),
  products_count: z.number().int(),
  vector_store_id: z.string(),
  mode: z.enum(['full', 'incremental']),
  shards_total: z.number().int(),
  shards_uploaded: z.number().int(),
  shards_kept: z.number().int(),
  shards_removed: z.number().int(),
  duration_ms: z.number().int(),
});

const syncFailure = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: z.object({
        status: z.literal('error'),
        message: z.string(),
        error: z.object({ code: z.string(), message: z.string() }),
        progress: z.record(z.string(), z.unknown()).optional(),
      }),
    },
  },
});

/** Registers the sync routes in /openapi.json. */
export function describeSyncRoutes(docs: ApiDocs): void {
  const request = { query: z.object({ mode: z.enum(['full', 'incremental']).optional() }) };
  const responses = {
    200: jsonBody('Synced, or skipped because nothing changed', syncResult),
    401: jsonError('Missing or wrong Bearer secret (when AISLE_SYNC_SECRET is set)'),
    409: syncFailure('A sync is already running; `progress` shows how far it is'),
    500: syncFailure('The sync failed on our side; the previous catalog stays live'),
    502: syncFailure('WooCommerce or OpenAI failed; the previous catalog stays live and no hash is stored'),
  };
  docs.add({
    method: 'get',
    path: '/api/sync',
    summary: 'Sync the catalog into the vector store (for cron services)',
    request,
    responses,
  });
  docs.add({ method: 'post', path: '/api/sync', summary: 'Sync the catalog into the vector store', request, responses });
  docs.add({
    method: 'get',
    path: '/api/sync/status',
    summary: 'Progress of the running sync and the last result or error',
    responses: {
      200: jsonBody(
        'Status',
        z.object({
          running: z.boolean(),
          progress: z.record(z.string(), z.unknown()).nullable(),
          last_result: z.record(z.string(), z.unknown()).nullable(),
          last_error: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
          last_success_at: z.string().nullable(),
        }),
      ),
      401: jsonError('Missing or wrong Bearer secret'),
    },
  });
  docs.add({
    method: 'post',
    path: '/api/webhooks/woocommerce',
    summary: 'WooCommerce product webhooks (signed with WOO_WEBHOOK_SECRET); debounced into an incremental sync',
    request: { body: { content: { 'application/json': { schema: z.object({ id: z.number().int() }).passthrough() } } } },
    responses: {
      200: jsonBody(
        'Creation ping answered, or a topic that does not touch the catalog',
        z.object({ ok: z.boolean() }).passthrough(),
      ),
      202: jsonBody(
        'Change recorded; an incremental sync follows',
        z.object({ ok: z.boolean(), queued: z.boolean(), product_id: z.number().int() }),
      ),
      401: jsonError('Bad or missing X-WC-Webhook-Signature; nothing queued'),
      413: jsonError('Body over AISLE_WEBHOOK_MAX_BYTES'),
      404: jsonError('Webhooks are off (WOO_WEBHOOK_SECRET is not set)'),
    },
  });
}

export { isSyncError };
