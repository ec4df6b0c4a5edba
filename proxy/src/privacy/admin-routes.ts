import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AdminLocals } from '../admin/auth-middleware';
import { THREAD_ID_PATTERN } from '../chat/threads';
import { ApiError, notFound } from '../http/errors';
import type { Logger } from '../logging/logger';
import type { ConversationAdmin, DataSubject } from './conversations';
import { EMAIL_HASH_PATTERN } from './personal-data';

export const conversationListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  feedback: z.enum(['up', 'down']).optional(),
});

const dataSubjectFields = {
  user_id: z.number().int().positive().max(2_147_483_647).optional(),
  email_hashes: z
    .array(z.string().regex(EMAIL_HASH_PATTERN, { message: 'must be sha256 hex of the lower-cased address' }))
    .max(20)
    .default([]),
};
const requireSubject = (body: { user_id?: number | undefined; email_hashes: string[] }) =>
  body.user_id !== undefined || body.email_hashes.length > 0;
const subjectMessage = { message: 'Give user_id or at least one email hash.' };

export const privacyExportBody = z
  .object({
    ...dataSubjectFields,
    page: z.number().int().min(1).max(10_000).default(1),
    per_page: z.number().int().min(1).max(50).default(10),
  })
  .strict()
  .refine(requireSubject, subjectMessage);

export const privacyEraseBody = z
  .object({ ...dataSubjectFields, limit: z.number().int().min(1).max(100).default(20) })
  .strict()
  .refine(requireSubject, subjectMessage);

export interface PrivacyAdminDeps {
  conversations: ConversationAdmin;
  /** Whether the store's owner turned transcript review on (off by default). */
  reviewEnabled: (site: string) => Promise<boolean>;
  logger: Logger;
}

const siteOf = (res: Response) => (res.locals as AdminLocals).adminSite;
const subjectOf = (body: { user_id?: number | undefined; email_hashes: string[] }): DataSubject => ({
  ...(body.user_id !== undefined ? { userId: body.user_id } : {}),
  emailHashes: body.email_hashes,
});

function threadIdParam(value: unknown): string {
  if (typeof value !== 'string' || !THREAD_ID_PATTERN.test(value)) throw notFound('No such conversation.');
  return value;
}

/**
 * Signed admin routes (mounted inside the admin router, after its signature check):
 *
 *   GET    /api/admin/conversations             the store's conversations, newest first (review on)
 *   GET    /api/admin/conversations/:thread_id  one transcript, emails and phone numbers masked (review on)
 *   DELETE /api/admin/conversations/:thread_id  delete it here and at OpenAI (review on)
 *   POST   /api/admin/privacy/export            a person's conversations (WordPress's personal-data export)
 *   POST   /api/admin/privacy/erase             erase them (WordPress's personal-data erasure)
 *
 * Export and erasure answer whatever the review setting: they are the store's legal duty.
 */
export function createPrivacyAdminRouter(deps: PrivacyAdminDeps): Router {
  const router = Router();
  const requireReview = async (res: Response) => {
    if (!(await deps.reviewEnabled(siteOf(res)))) {
      throw new ApiError(
        403,
        'forbidden',
        'Transcript review is off for this store. The owner can turn it on in WooCommerce › Aisle › Privacy.',
      );
    }
  };

  router.get('/api/admin/conversations', async (req, res) => {
    await requireReview(res);
    const query = conversationListQuery.parse(req.query);
    const { conversations, total } = await deps.conversations.list(siteOf(res), {
      page: query.page,
      perPage: query.per_page,
      ...(query.feedback ? { feedback: query.feedback } : {}),
    });
    res.json({ conversations, total, page: query.page, per_page: query.per_page });
  });

  router.get('/api/admin/conversations/:thread_id', async (req, res) => {
    await requireReview(res);
    const transcript = await deps.conversations.read(siteOf(res), threadIdParam(req.params.thread_id), { mask: true });
    if (!transcript) throw notFound('No such conversation.');
    res.json(transcript);
  });

  router.delete('/api/admin/conversations/:thread_id', async (req, res) => {
    await requireReview(res);
    if (!(await deps.conversations.forget(siteOf(res), threadIdParam(req.params.thread_id)))) {
      throw notFound('No such conversation.');
    }
    res.json({ deleted: true });
  });

  router.post('/api/admin/privacy/export', async (req, res) => {
    const body = privacyExportBody.parse(req.body ?? {});
    res.json(await deps.conversations.exportPage(siteOf(res), subjectOf(body), body.page, body.per_page));
  });

  router.post('/api/admin/privacy/erase', async (req, res) => {
    const body = privacyEraseBody.parse(req.body ?? {});
    const site = siteOf(res);
    const ids = await deps.conversations.subjectThreads(site, subjectOf(body));
    let removed = 0;
    let failed = 0;
    for (const id of ids.slice(0, body.limit)) {
      try {
        if (await deps.conversations.forget(site, id)) removed++;
      } catch (error) {
        failed++;
        deps.logger.warn({ err: error, site }, 'privacy erase: could not delete a conversation');
      }
    }
    const remaining = ids.length - removed;
    // Nothing more can go in this run when nothing went in this call: the rest failed (kept for a retry).
    res.json({ removed, failed, remaining, done: remaining === 0 || removed === 0 });
  });

  return router;
}
