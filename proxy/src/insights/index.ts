export { countChatInsights } from './chat';
export { parseRange, dayOf, RETENTION_DAYS, MAX_RANGE_DAYS } from './days';
export { costOf, priceOf, PRICE_TABLE, PRICES_TAKEN } from './prices';
export { createInsightsRecorder, type InsightsRecorder } from './recorder';
export { readInsights, type InsightsReport } from './report';
export { questionTerms, rankTerms } from './terms';
export { describeInsightsRoute } from './docs';
