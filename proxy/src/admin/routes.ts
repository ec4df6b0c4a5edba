import { Router, type ErrorRequestHandler, type Response } from 'express';
import { ApiError, toApiError } from '../http/errors';
import type { KeyValueStore } from '../store/types';
import type { SecretForSite } from '../session/secrets';
import type { TenantRepository } from '../tenants/repository';
import { TenantError, type ResolvedTenant } from '../tenants/types';
import { SIGNED_API_PATH, requireAdminSignature, type AdminLocals } from './auth-middleware';
import type { AdminCheck, AdminSyncStart, AdminSyncStatus } from './types';
import { adminConfigBody, catalogChangesBody, controlsFromBody, formatFromBody, type CatalogChanges } from './schemas';
import { maskedTenantView } from './view';

export { adminConfigBody, type AdminConfigBody } from './schemas';

/**
 * The admin API the WordPress plugin calls, every request signed with the store's
 * connection secret (see ./signature.ts):
 *
 *   PUT    /api/admin/config       push store URL, keys, model, instructions, money format, owner controls
 *   GET    /api/admin/status       connected?, masked settings, env overrides, health, spend, sync, catalog
 *   POST   /api/admin/test         authenticated round trip + checks of every key and the catalog
 *   POST   /api/admin/catalog/changes  products that changed in the store (keeps the catalog fresh)
 *   DELETE /api/admin/config       disconnect: forget what was pushed
 *   POST   /api/admin/sync         start a catalog sync
 *   GET    /api/admin/sync/status  progress of the running / last sync
 *   GET    /api/admin/insights     the store's daily counters, tokens, cost and top terms (?from=&to=)
 *
 * Mount at the app root, before any app-wide body parser: `app.use(createAdminRouter(deps))`.
 */
export interface AdminRouterDeps {
  store: KeyValueStore;
  tenants: TenantRepository;
  secretForSite: SecretForSite;
  getSyncStatus: (site: string) => Promise<AdminSyncStatus>;
  startSync: (site: string) => Promise<AdminSyncStart>;
  /** Today's token spend against the daily cap, shown on the settings screen. */
  spendStatus?: (site: string) => Promise<unknown>;
  /** Checks for "Test connection": the OpenAI key, the model, the WooCommerce key, updates, the catalog. */
  checkTenant?: (site: string, tenant: ResolvedTenant) => Promise<AdminCheck[]>;
  /** More of the status: health, model, catalog, effective controls (one store's view). */
  statusDetails?: (site: string) => Promise<Record<string, unknown>>;
  /** Products the store saw change: refresh their cards and the catalog. */
  catalogChanges?: (site: string, changes: CatalogChanges) => Promise<void>;
  /** The store's insights for `from`/`to` of the query string (400 on a bad range). */
  insights?: (site: string, query: { from?: unknown; to?: unknown }) => Promise<unknown>;
  /** Unix seconds; defaults to the clock. */
  now?: () => number;
  maxBodyBytes?: number;
}

const siteOf = (res: Response) => (res.locals as AdminLocals).adminSite;

async function resolveForStatus(tenants: TenantRepository, site: string) {
  try {
    return { tenant: await tenants.resolve(site), problem: null };
  } catch (err) {
    if (err instanceof TenantError) return { tenant: null, problem: err.message };
    throw err;
  }
}

export function createAdminRouter(deps: AdminRouterDeps): Router {
  const router = Router();
  router.use(SIGNED_API_PATH, ...requireAdminSignature(deps));

  router.put('/api/admin/config', async (req, res) => {
    const body = adminConfigBody.parse(req.body ?? {});
    const site = siteOf(res);
    await deps.tenants.put(site, {
      storeUrl: body.store_url,
      wooConsumerKey: body.woo?.consumer_key,
      wooConsumerSecret: body.woo?.consumer_secret,
      openaiApiKey: body.openai_api_key,
      model: body.model,
      instructions: body.instructions,
      ...(body.store ? { format: formatFromBody(body.store) } : {}),
      ...(body.controls ? { controls: controlsFromBody(body.controls) } : {}),
    });
    res.json({ connected: true, config: maskedTenantView(site, await deps.tenants.resolve(site)) });
  });

  router.get('/api/admin/status', async (_req, res) => {
    const site = siteOf(res);
    const { tenant, problem } = await resolveForStatus(deps.tenants, site);
    let sync: AdminSyncStatus | null = null;
    let syncProblem: string | null = null;
    try {
      sync = await deps.getSyncStatus(site);
    } catch (err) {
      syncProblem = err instanceof Error ? err.message : 'The sync status is not available.';
    }
    res.json({
      connected: Boolean(tenant?.stored),
      config: maskedTenantView(site, tenant),
      problem,
      sync,
      sync_problem: syncProblem,
      ...(deps.spendStatus ? { spend: await deps.spendStatus(site).catch(() => null) } : {}),
      ...(deps.statusDetails ? await deps.statusDetails(site) : {}),
    });
  });

  router.post('/api/admin/test', async (_req, res) => {
    const site = siteOf(res);
    const { tenant, problem } = await resolveForStatus(deps.tenants, site);
    const checks: AdminCheck[] = [{ name: 'signature', ok: true, code: 'ok', message: 'The connection secret matches.' }];
    if (problem) checks.push({ name: 'config', ok: false, code: 'config_unreadable', message: problem });
    if (tenant && deps.checkTenant) checks.push(...(await deps.checkTenant(site, tenant)));
    res.json({
      ok: checks.every((check) => check.ok),
      site,
      proxy_time: (deps.now ?? (() => Math.floor(Date.now() / 1000)))(),
      connected: Boolean(tenant?.stored),
      config: maskedTenantView(site, tenant),
      checks,
    });
  });

  router.delete('/api/admin/config', async (_req, res) => {
    await deps.tenants.delete(siteOf(res));
    res.json({ connected: false });
  });

  router.post('/api/admin/catalog/changes', async (req, res) => {
    const changes = catalogChangesBody.parse(req.body ?? {});
    await deps.catalogChanges?.(siteOf(res), changes);
    res.status(202).json({ queued: Boolean(deps.catalogChanges) && !changes.ping, received: changes.product_ids.length });
  });

  router.post('/api/admin/sync', async (_req, res) => {
    const result = await deps.startSync(siteOf(res));
    res.status(result.started ? 202 : 200).json(result);
  });

  router.get('/api/admin/sync/status', async (_req, res) => {
    res.json(await deps.getSyncStatus(siteOf(res)));
  });

  router.get('/api/admin/insights', async (req, res) => {
    if (!deps.insights) throw new ApiError(404, 'not_found', 'Insights are not available on this proxy.');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await deps.insights(siteOf(res), { from: req.query.from, to: req.query.to }));
  });

  // Client errors (401, 400, 413) answer here in the API's one error shape; anything
  // unexpected goes on to the app's error middleware, which logs it.
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) return next(err);
    res.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message } });
  };
  router.use(SIGNED_API_PATH, onError);
  return router;
}
