import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ThreadRepository } from '../chat/threads';
import type { Shopper } from '../chat/types';
import type { FeedbackBody } from '../contract/events';
import { badRequest, notFound } from '../http/errors';
import type { FeedbackStore } from './feedback';

export const feedbackBodySchema = z
  .object({
    thread_id: z.string().min(1).max(200),
    message_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { message: 'message_id must be the id from the answer' }),
    rating: z.enum(['up', 'down']),
  })
  .strict() satisfies z.ZodType<FeedbackBody>;

export interface FeedbackRouteDeps {
  threads: ThreadRepository;
  feedback: FeedbackStore;
  resolveShopper: (req: Request) => Promise<Shopper>;
  /** Per client IP; null when off. */
  limit?: ((req: Request) => Promise<void>) | null;
}

/**
 * `POST /api/chat/feedback`: a thumb up or down on one answer of the shopper's own thread.
 * The answer must be one this thread produced (its `done.message_id`); anything else is a 404,
 * without saying whether the thread exists.
 */
export function createFeedbackRouter(deps: FeedbackRouteDeps): Router {
  const router = Router();
  router.post('/api/chat/feedback', async (req, res) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw badRequest('Send a JSON object: {"thread_id": "...", "message_id": "...", "rating": "up"}');
    }
    const body = feedbackBodySchema.parse(req.body);
    const shopper = await deps.resolveShopper(req);
    await deps.limit?.(req);
    const record = await deps.threads.find(body.thread_id, shopper.owner, shopper.tenant);
    if (!record || !(record.answers ?? []).includes(body.message_id)) throw notFound('No such answer in this conversation.');
    await deps.feedback.rate(shopper.tenant, body.thread_id, body.message_id, body.rating);
    res.json({ thread_id: body.thread_id, message_id: body.message_id, rating: body.rating });
  });
  return router;
}
