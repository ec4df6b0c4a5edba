import { Router, type ErrorRequestHandler } from 'express';
import { SIGNED_API_PATH, requireAdminSignature, type AdminLocals } from '../admin/auth-middleware';
import { toApiError } from '../http/errors';
import type { SecretForSite } from '../session/secrets';
import type { KeyValueStore } from '../store/types';
import { MAX_FACTS_BODY_BYTES, storeFactsBody, type StoreFacts } from './facts';

export const STORE_FACTS_PATH = '/api/admin/store-facts';

export interface StoreFactsRouterDeps {
  store: KeyValueStore;
  secretForSite: SecretForSite;
  /** Keeps the facts for the store and schedules their sync; says how many documents they make. */
  onFacts(site: string, facts: StoreFacts): Promise<{ documents: number; sync_scheduled: boolean }>;
  now?: () => number;
}

/**
 * `PUT /api/admin/store-facts`, signed by the store: its policy pages, shipping and contact
 * details. Mounted before the app's JSON parser, because these bodies are larger than chat's
 * (up to MAX_FACTS_BODY_BYTES); the signature covers the exact bytes.
 */
export function createStoreFactsRouter(deps: StoreFactsRouterDeps): Router {
  const router = Router();
  router.put(STORE_FACTS_PATH, ...requireAdminSignature({ ...deps, maxBodyBytes: MAX_FACTS_BODY_BYTES }), async (req, res) => {
    const facts = storeFactsBody.parse(req.body ?? {});
    const outcome = await deps.onFacts((res.locals as AdminLocals).adminSite, facts);
    res.status(202).json({ stored: true, pages: facts.pages.length, ...outcome });
  });
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) return next(err);
    res.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message } });
  };
  router.use(SIGNED_API_PATH, onError);
  return router;
}
