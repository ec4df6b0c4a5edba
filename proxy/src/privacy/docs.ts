import { z } from 'zod';
import { signedHeaders } from '../admin/docs';
import { jsonBody, jsonError, type ApiDocs } from '../http/openapi';
import { conversationListQuery, privacyEraseBody, privacyExportBody } from './admin-routes';
import { feedbackBodySchema } from './feedback-routes';

const transcript = z.object({
  thread_id: z.string(),
  created_at: z.string(),
  messages: z.array(
    z.object({
      role: z.enum(['user', 'assistant']),
      content: z.string(),
      message_id: z.string().optional(),
      products: z.array(z.string()).optional(),
      feedback: z.enum(['up', 'down']).optional(),
    }),
  ),
});

/** `POST /api/chat/feedback` (shoppers). */
export function describeFeedbackRoute(docs: ApiDocs): void {
  docs.add({
    method: 'post',
    path: '/api/chat/feedback',
    summary: "A thumb up or down on one answer of the shopper's own thread (a second one replaces the first)",
    request: { body: { content: { 'application/json': { schema: feedbackBodySchema } } } },
    responses: {
      200: jsonBody('Stored', feedbackBodySchema),
      400: jsonError('Invalid body'),
      401: jsonError('Session required, expired or invalid'),
      404: jsonError('No such answer in a thread of this shopper'),
      429: jsonError('Too many ratings from this client'),
    },
  });
}

/** Transcript review and personal-data requests (signed admin API). */
export function describePrivacyAdminRoutes(docs: ApiDocs): void {
  const common = { 401: jsonError('Missing, wrong or replayed signature') };
  const reviewOff = { 403: jsonError('Transcript review is off for this store') };
  const threadParams = z.object({ thread_id: z.string() });
  docs.add({
    method: 'get',
    path: '/api/admin/conversations',
    summary: "The store's conversations, newest first, optionally only those with a thumb up or down",
    request: { headers: signedHeaders, query: conversationListQuery },
    responses: { 200: { description: 'A page of conversations with their feedback counts' }, ...reviewOff, ...common },
  });
  docs.add({
    method: 'get',
    path: '/api/admin/conversations/{thread_id}',
    summary: 'One transcript, email addresses and phone numbers masked',
    request: { headers: signedHeaders, params: threadParams },
    responses: { 200: jsonBody('Transcript', transcript), 404: jsonError('No such conversation'), ...reviewOff, ...common },
  });
  docs.add({
    method: 'delete',
    path: '/api/admin/conversations/{thread_id}',
    summary: 'Delete a conversation here (record, indexes, feedback) and at OpenAI',
    request: { headers: signedHeaders, params: threadParams },
    responses: {
      200: jsonBody('Deleted', z.object({ deleted: z.boolean() })),
      404: jsonError('No such conversation'),
      ...reviewOff,
      ...common,
    },
  });
  docs.add({
    method: 'post',
    path: '/api/admin/privacy/export',
    summary: "A person's conversations (by WordPress user ID and/or email hashes), for WordPress's personal-data export",
    request: { headers: signedHeaders, body: { content: { 'application/json': { schema: privacyExportBody } } } },
    responses: {
      200: jsonBody(
        'A page of transcripts',
        z.object({ conversations: z.array(transcript), total: z.number(), done: z.boolean() }),
      ),
      400: jsonError('Invalid body'),
      ...common,
    },
  });
  docs.add({
    method: 'post',
    path: '/api/admin/privacy/erase',
    summary: "Erase a person's conversations here and at OpenAI, up to `limit` per call",
    request: { headers: signedHeaders, body: { content: { 'application/json': { schema: privacyEraseBody } } } },
    responses: {
      200: jsonBody(
        'What was removed',
        z.object({ removed: z.number(), failed: z.number(), remaining: z.number(), done: z.boolean() }),
      ),
      400: jsonError('Invalid body'),
      ...common,
    },
  });
}
