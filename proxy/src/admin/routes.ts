import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import { toApiError } from '../http/errors';
import type { KeyValueStore } from '../store/types';
import type { SecretForSite } from '../session/secrets';
import type { TenantRepository } from '../tenants/repository';
import { TenantError, type ResolvedTenant } from '../tenants/types';
import { SIGNED_API_PATH, requireAdminSignature, type AdminLocals } from './auth-middleware';
import type { AdminCheck, AdminSyncStart, AdminSyncStatus } from './types';
import { maskedTenantView } from './view';

/**
 * The admin API the WordPress plugin calls, every request signed with the store's
 * connection secret (see ./signature.ts):
 *
 *   PUT    /api/admin/config       push store URL, WooCommerce keys, OpenAI key, model, instructions
 *   GET    /api/admin/status       connected?, masked settings, env overrides, sync state
 *   POST   /api/admin/test         authenticated round trip (+ optional upstream checks)
 *   DELETE /api/admin/config       disconnect: forget what was pushed
 *   POST   /api/admin/sync         start a catalog sync
 *   GET    /api/admin/sync/status  progress of the running / last sync
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
  /** Optional checks for "Test connection", e.g. that the OpenAI key and WooCommerce keys work. */
  checkTenant?: (tenant: ResolvedTenant) => Promise<AdminCheck[]>;
  /** Unix seconds; defaults to the clock. */
  now?: () => number;
  maxBodyBytes?: number;
}

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), { message: 'must be an http(s) URL' });

/** What `PUT /api/admin/config` accepts. Unknown fields are refused so a typo is not silently lost. */
export const adminConfigBody = z
  .object({
    store_url: httpUrl,
    woo: z
      .object({
        consumer_key: z
          .string()
          .trim()
          .regex(/^ck_[A-Za-z0-9]{8,128}$/, { message: 'must look like ck_…' }),
        consumer_secret: z
          .string()
          .trim()
          .regex(/^cs_[A-Za-z0-9]{8,128}$/, { message: 'must look like cs_…' }),
      })
      .strict()
      .nullable()
      .optional(),
    openai_api_key: z
      .string()
      .trim()
      .regex(/^sk-[A-Za-z0-9_-]{16,256}$/, { message: 'must look like sk-…' })
      .optional(),
    model: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'must be a model name such as gpt-6-luna' })
      .optional(),
    instructions: z.string().max(8000).optional(),
  })
  .strict();

export type AdminConfigBody = z.infer<typeof adminConfigBody>;

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
    });
  });

  router.post('/api/admin/test', async (_req, res) => {
    const site = siteOf(res);
    const { tenant, problem } = await resolveForStatus(deps.tenants, site);
    const checks: AdminCheck[] = [{ name: 'signature', ok: true, message: 'The connection secret matches.' }];
    if (problem) checks.push({ name: 'config', ok: false, message: problem });
    if (tenant && deps.checkTenant) checks.push(...(await deps.checkTenant(tenant)));
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

  router.post('/api/admin/sync', async (_req, res) => {
    const result = await deps.startSync(siteOf(res));
    res.status(result.started ? 202 : 200).json(result);
  });

  router.get('/api/admin/sync/status', async (_req, res) => {
    res.json(await deps.getSyncStatus(siteOf(res)));
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
