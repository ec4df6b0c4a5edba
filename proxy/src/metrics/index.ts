/**
 * Operations: Prometheus metrics (`GET /metrics`), widget analytics
 * (`POST /api/events`) and the hooks that feed them. See docs/deploy.md.
 */
export { createMetrics } from './registry';
export type { Metrics, MetricsOptions, ChatOutcome, ErrorType, SyncResult, WidgetEventType, WooOperation } from './registry';
export { createMetricsRouter, createWidgetEventsRouter, describeMetricsRoutes, widgetEventSchema } from './routes';
export type { MetricsRouterDeps } from './routes';
export { instrumentChat } from './chat';
export { instrumentOpenAIFetch, instrumentWoo } from './upstream';
export { httpMetricsMiddleware, syncProgressListener } from './hooks';
