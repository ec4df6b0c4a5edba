import { z } from 'zod';
import { signedHeaders } from '../admin/docs';
import { jsonBody, jsonError, type ApiDocs } from '../http/openapi';
import { storeFactsBody } from './facts';
import { STORE_FACTS_PATH } from './routes';

export function describeStoreFactsRoutes(docs: ApiDocs): void {
  docs.add({
    method: 'put',
    path: STORE_FACTS_PATH,
    summary:
      "A site's policy pages, chosen pages, shipping zones and contact details: kept, and written to its vector store as their own documents by the next sync",
    request: { headers: signedHeaders, body: { content: { 'application/json': { schema: storeFactsBody } } } },
    responses: {
      202: jsonBody(
        'Stored',
        z.object({ stored: z.boolean(), pages: z.number(), documents: z.number(), sync_scheduled: z.boolean() }),
      ),
      400: jsonError('Invalid facts (too many or too long pages, a bad URL, an unknown field)'),
      401: jsonError('Missing, wrong or replayed signature; nothing changed'),
      413: jsonError('Body above 6 MB'),
    },
  });
}
