import type { Request, Router } from 'express';
import type { AisleConfig } from '../config/schema';
import type { ClientIpResolver } from '../guard/client-ip';
import { createIpLimit } from '../guard/door-limits';
import type { Logger } from '../logging/logger';
import { createWidgetEventsRouter, type Metrics } from '../metrics';
import { createInsightsRecorder, parseRange, readInsights, type InsightsRecorder, type InsightsReport } from '../insights';
import type { KeyValueStore } from '../store/types';

/** The owner's insights of every store on this proxy: what chat and the widget count, and the signed report. */
export interface StoreInsights {
  recorder: InsightsRecorder;
  /** 400 (ApiError) on a bad range; see insights/days.ts. */
  report(site: string, query: { from?: unknown; to?: unknown }): Promise<InsightsReport>;
}

export function createStoreInsights(deps: { store: KeyValueStore; logger: Logger; now?: () => number }): StoreInsights {
  const now = deps.now ?? Date.now;
  const recorder = createInsightsRecorder({ store: deps.store, logger: deps.logger, now });
  return {
    recorder,
    report: async (site, query) => readInsights(deps.store, site, parseRange(query, now())),
  };
}

/**
 * `POST /api/events` behind its per-IP limit. The shopper session says which store the events
 * belong to; without a valid one they are counted in /metrics only (never for a store).
 */
export function createEventsRoute(deps: {
  config: AisleConfig;
  metrics: Metrics;
  store: KeyValueStore;
  logger: Logger;
  clientIp: ClientIpResolver;
  resolveShopper: (req: Request) => Promise<{ tenant: string }>;
  insights: StoreInsights;
}): Router {
  return createWidgetEventsRouter({
    metrics: deps.metrics,
    storeOf: async (req) => (await deps.resolveShopper(req).catch(() => null))?.tenant ?? null,
    onEvents: (site, events) => deps.insights.recorder.widgetEvents(site, events),
    limit: createIpLimit({
      name: 'events',
      perMinute: deps.config.AISLE_EVENTS_RATE_IP_PER_MIN,
      clientIp: deps.clientIp,
      store: deps.store,
      logger: deps.logger,
    }),
  });
}
