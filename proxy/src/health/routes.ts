import { Router } from 'express';
import type { KeyValueStore } from '../store/types';

export interface HealthDeps {
  /** Required settings that are not set. */
  missingVars: () => string[];
  store: KeyValueStore;
  version: string;
  /** Extra facts for operators (model status, demo mode, sessions…); must be cheap. */
  details?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

/**
 * `GET /api/health` keeps the original three fields. It never makes a paid
 * OpenAI call: only the store is pinged.
 */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const missing = deps.missingVars();
    const storeOk = await deps.store.ping().catch(() => false);
    const extra = deps.details ? await deps.details() : {};
    const problems = Array.isArray(extra.problems) ? extra.problems : [];
    const status = missing.length ? 'not_ready' : storeOk && problems.length === 0 ? 'healthy' : 'degraded';
    res.setHeader('Cache-Control', 'no-store');
    res.status(status === 'not_ready' ? 503 : 200).json({
      status,
      environment: missing.length ? 'missing_variables' : 'configured',
      missing_vars: missing.length ? missing : null,
      store: { backend: deps.store.kind, ok: storeOk },
      version: deps.version,
      ...extra,
    });
  });
  return router;
}
