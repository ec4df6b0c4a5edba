import { z } from 'zod';
import { signedHeaders } from '../admin/docs';
import { jsonBody, jsonError, type ApiDocs } from '../http/openapi';

export function describeTranscriptRoute(docs: ApiDocs): void {
  docs.add({
    method: 'get',
    path: '/api/admin/threads/{threadId}/transcript',
    summary: "One conversation's words, for the plugin's email handoff (only for the shopper session that owns it)",
    request: {
      headers: signedHeaders,
      params: z.object({ threadId: z.string().describe('The Aisle thread ID, thread_…') }),
      query: z.object({ session: z.string().describe('The shopper session the plugin verified') }),
    },
    responses: {
      200: jsonBody(
        'The transcript',
        z.object({
          thread_id: z.string(),
          messages: z.array(z.object({ role: z.enum(['shopper', 'assistant']), text: z.string() })),
          text: z.string(),
        }),
      ),
      400: jsonError('No session given'),
      401: jsonError('Missing, wrong or replayed signature'),
      404: jsonError('No such conversation for this shopper'),
    },
  });
}
