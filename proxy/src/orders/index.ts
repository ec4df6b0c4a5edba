/** Order status for the shopper who owns the order: see tool.ts. */
export { createOrderStatusTool, orderStatusTool, ORDER_STATUS, NO_MATCH, MAX_LISTED_ORDERS, sameEmail } from './tool';
export type { OrderStatusDeps } from './tool';
export { createOrderLookupLimit, DEFAULT_LOOKUP_RULE } from './limits';
export type { OrderLookupLimit, LookupGate, LookupSubject } from './limits';
export { parseOrderArguments, MAX_ORDER_NUMBER } from './arguments';
export { summarizeOrder, statusLabel, trackingOf } from './format';
export type { OrderSummary, OrderTracking } from './format';
