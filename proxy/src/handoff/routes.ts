import { Router, type ErrorRequestHandler } from 'express';
import type OpenAI from 'openai';
import { SIGNED_API_PATH, requireAdminSignature, type AdminLocals } from '../admin/auth-middleware';
import type { ThreadRecord } from '../chat/threads';
import { ApiError, notFound, toApiError } from '../http/errors';
import type { SecretForSite } from '../session/secrets';
import type { KeyValueStore } from '../store/types';
import { loadTranscript, transcriptText } from './transcript';

export const TRANSCRIPT_PATH = '/api/admin/threads/:threadId/transcript';

export interface TranscriptRouterDeps {
  store: KeyValueStore;
  secretForSite: SecretForSite;
  /** The thread when it belongs to this shopper session and store. */
  findThread(threadId: string, owner: string, site: string): Promise<ThreadRecord | null>;
  /** The store's OpenAI client (null without a key). */
  openaiFor(site: string): Promise<OpenAI | null>;
  now?: () => number;
}

/**
 * `GET /api/admin/threads/<thread_id>/transcript?session=<sid>`, signed by the store: the words
 * of one conversation, for the plugin's "email the store" handoff. The plugin names the shopper
 * session it verified; a thread of another session (or store) is not found.
 */
export function createTranscriptRouter(deps: TranscriptRouterDeps): Router {
  const router = Router();
  router.get(TRANSCRIPT_PATH, ...requireAdminSignature(deps), async (req, res) => {
    const site = (res.locals as AdminLocals).adminSite;
    const threadId = String(req.params.threadId ?? '');
    const session = typeof req.query.session === 'string' ? req.query.session : '';
    if (!session) throw new ApiError(400, 'bad_request', 'Pass the shopper session the thread belongs to as ?session=.');
    const record = await deps.findThread(threadId, session, site);
    if (!record) throw notFound('No such conversation for this shopper.');
    const openai = await deps.openaiFor(site);
    if (!openai) throw new ApiError(409, 'not_configured', 'The proxy has no OpenAI key for this store.');
    const messages = await loadTranscript(openai, record.conversation_id);
    res.set('cache-control', 'no-store').json({ thread_id: threadId, messages, text: transcriptText(messages) });
  });
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) return next(err);
    res.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message } });
  };
  router.use(SIGNED_API_PATH, onError);
  return router;
}
