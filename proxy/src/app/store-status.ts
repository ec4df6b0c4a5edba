import { formatToWire } from '../admin/schemas';
import type { SpendGuard } from '../guard/spend';
import type { CatalogFreshness } from './catalog-freshness';
import type { TenantRuntime } from './runtime';

/** What one store's health is made of; `GET /api/health` shows the environment's store, the admin status each store's own. */
export function createStoreStatus(deps: {
  spend: SpendGuard;
  freshness: CatalogFreshness;
  configuredModel: string;
  lastSync: (rt: TenantRuntime) => Promise<{ at: string | null; products: number | null }>;
}) {
  async function health(rt: TenantRuntime) {
    const model = rt.model?.status() ?? null;
    const problems: string[] = [];
    if (model?.available === false && model.message) problems.push(model.message);
    const spend = await deps.spend.spendStatus(rt.tenant);
    if (spend.exhausted) problems.push('The daily token budget is spent; chat answers from the catalog only until midnight UTC.');
    return {
      spend,
      health: {
        mode: rt.mode,
        model: model ?? {
          configured: deps.configuredModel,
          active: deps.configuredModel,
          available: null,
          checked_at: null,
        },
        problems,
      },
    };
  }

  return {
    health,
    /** The admin status's view of one store. */
    async details(rt: TenantRuntime): Promise<Record<string, unknown>> {
      const [{ health: storeHealth }, lastChangeAt, lastSync] = await Promise.all([
        health(rt),
        deps.freshness.lastChangeAt(rt),
        deps.lastSync(rt).catch(() => ({ at: null, products: null })),
      ]);
      return {
        health: storeHealth,
        store: formatToWire(rt.format ?? undefined),
        controls: {
          daily_token_cap: rt.controls.dailyTokenCap,
          moderation: rt.controls.moderation,
          rate_session_per_min: rt.controls.ratePerSessionPerMin,
          retention_days: rt.controls.retentionDays,
          order_lookup: rt.controls.orderLookup,
          transcript_review: rt.controls.transcriptReview,
        },
        catalog: { products: lastSync.products, last_change_at: lastChangeAt, last_sync_at: lastSync.at },
      };
    },
  };
}
