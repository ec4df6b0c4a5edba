import { z } from 'zod';
import { jsonBody, jsonError, type ApiDocs } from '../http/openapi';
import { SYNC_PHASES } from '../sync/progress';
import { adminConfigBody, catalogChangesBody } from './schemas';

export const signedHeaders = z.object({
  'x-aisle-site': z.string().describe('The store, e.g. shop.example'),
  'x-aisle-timestamp': z.string().describe('Unix seconds; ±300 s window'),
  'x-aisle-nonce': z.string().describe('16–64 characters, single use'),
  'x-aisle-signature': z.string().describe('v1=<hex HMAC-SHA256 over method, path, timestamp, nonce and body hash>'),
});

const syncStatus = z.object({
  state: z.enum(['idle', 'running', 'succeeded', 'failed']),
  progress: z
    .object({
      done: z.number(),
      total: z.number().nullable(),
      phase: z.enum(SYNC_PHASES).optional(),
      pages_read: z.number().optional(),
      pages_total: z.number().nullable().optional(),
      products_read: z.number().optional(),
      shards_uploaded: z.number().optional(),
      shards_to_upload: z.number().nullable().optional(),
    })
    .nullable(),
  last: z.object({ ok: z.boolean(), finished_at: z.string(), message: z.string(), products: z.number().optional() }).nullable(),
});

/**
 * The store administration API the WordPress plugin calls (mounted when a
 * connection secret is configured). Every request is signed with the
 * connection secret; see docs/plugin.md.
 */
export function describeAdminRoutes(docs: ApiDocs): void {
  const common = { 401: jsonError('Missing, wrong or replayed signature; nothing changed') };
  docs.add({
    method: 'put',
    path: '/api/admin/config',
    summary: "Store a site's settings (keys, model, instructions, money format, owner controls), encrypted at rest",
    request: { headers: signedHeaders, body: { content: { 'application/json': { schema: adminConfigBody } } } },
    responses: { 200: { description: 'Stored; secrets shown masked' }, 400: jsonError('Invalid settings'), ...common },
  });
  docs.add({
    method: 'delete',
    path: '/api/admin/config',
    summary: "Forget a site's settings (Disconnect)",
    request: { headers: signedHeaders },
    responses: { 200: { description: 'Forgotten' }, ...common },
  });
  docs.add({
    method: 'get',
    path: '/api/admin/status',
    summary: 'Connection, masked keys, health and model, spend, sync, catalog and controls of a site',
    request: { headers: signedHeaders },
    responses: { 200: { description: 'Status' }, ...common },
  });
  docs.add({
    method: 'post',
    path: '/api/admin/test',
    summary: '"Test connection": the signature, the OpenAI key, the model, the WooCommerce key, product updates and the catalog',
    request: { headers: signedHeaders },
    responses: { 200: { description: 'Checks, each with ok and a message' }, ...common },
  });
  docs.add({
    method: 'post',
    path: '/api/admin/catalog/changes',
    summary: 'Products that changed in the store (saved, stock, trashed, deleted): refreshes their cards and the catalog',
    request: { headers: signedHeaders, body: { content: { 'application/json': { schema: catalogChangesBody } } } },
    responses: {
      202: jsonBody('Queued', z.object({ queued: z.boolean(), received: z.number() })),
      400: jsonError('Invalid body'),
      ...common,
    },
  });
  docs.add({
    method: 'post',
    path: '/api/admin/sync',
    summary: 'Start a catalog sync for the site ("Sync catalog now")',
    request: { headers: signedHeaders },
    responses: {
      200: jsonBody('Started, or already running', z.object({ started: z.boolean(), status: syncStatus })),
      ...common,
    },
  });
  docs.add({
    method: 'get',
    path: '/api/admin/sync/status',
    summary: 'Progress of the running or last sync, for the progress bar',
    request: { headers: signedHeaders },
    responses: { 200: jsonBody('Status', syncStatus), ...common },
  });
}
