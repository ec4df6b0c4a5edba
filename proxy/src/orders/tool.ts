import { createHash, timingSafeEqual } from 'node:crypto';
import type OpenAI from 'openai';
import type { ChatEvent } from '../contract/events';
import { parseToolArguments, type ChatTool, type ToolContext } from '../chat/tools';
import { isWooError, type WooOrder, type WooOrderReader } from '../woo';
import { parseOrderArguments } from './arguments';
import { isShopperVisible, summarizeOrder } from './format';
import type { OrderLookupLimit } from './limits';

export const ORDER_STATUS = 'order_status';

/** A signed-in customer's list holds this many orders at most. */
export const MAX_LISTED_ORDERS = 5;

export const orderStatusTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: ORDER_STATUS,
  description:
    "Look up the status of the shopper's own orders: number, date, status, items, totals and shipment tracking. " +
    'A signed-in customer: pass order_number null to list their recent orders, or a number for one of them. ' +
    'A guest: pass both the order number and the billing email the shopper gave; never guess either.',
  strict: true,
  parameters: {
    type: 'object',
    properties: {
      order_number: {
        type: ['string', 'null'],
        description: 'The order number the shopper gave (digits, e.g. "1234"), or null to list a signed-in customer\'s orders',
      },
      email: {
        type: ['string', 'null'],
        description: 'The billing email the shopper gave for the order (required for guests), or null',
      },
    },
    required: ['order_number', 'email'],
    additionalProperties: false,
  },
};

/** The one answer for an unknown number, a wrong email and someone else's order: nothing to tell them apart. */
export const NO_MATCH = JSON.stringify({
  found: false,
  message:
    'No order matches these details. Ask the shopper to check the order number and the billing email in their order confirmation email.',
});

const DETAILS_NEEDED = JSON.stringify({
  error: 'order_details_needed',
  message:
    'To look up an order, ask the shopper for the order number AND the billing email used at checkout, or to sign in to their account.',
});

const STORE_UNREACHABLE = JSON.stringify({
  error: 'store_unreachable',
  message: 'The store could not be reached, so order status cannot be checked right now. Tell the shopper to try again later.',
});

const VERIFIED_NOTE = 'Tell the shopper only what is here; never guess a status, a date or a delivery time.';

const digest = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest();
/** Compared with when there is no order, so an unknown number costs the same work as a wrong email. */
const NO_EMAIL = digest('\0no-order\0');

/** Same email, compared in constant time on equal-length hashes; an order without one never matches. */
export function sameEmail(stored: string, given: string | null): boolean {
  const equal = timingSafeEqual(stored ? digest(stored) : NO_EMAIL, digest(given ?? '\0none\0'));
  return equal && stored.trim() !== '' && given !== null;
}

export interface OrderStatusDeps {
  orders: WooOrderReader;
  limit: OrderLookupLimit;
}

/** `order_status`: the shopper's own orders, and only theirs. */
export function createOrderStatusTool(deps: OrderStatusDeps): ChatTool {
  return {
    definition: orderStatusTool,
    status: 'thinking',
    run: (rawArguments, context) => orderStatus(deps, rawArguments, context),
  };
}

async function* orderStatus(
  deps: OrderStatusDeps,
  rawArguments: string,
  context: ToolContext,
): AsyncGenerator<ChatEvent, string> {
  const args = parseOrderArguments(parseToolArguments(rawArguments));
  if (!args.ok) return JSON.stringify({ error: args.error, message: args.message });
  const { shopper } = context;
  const customer = shopper.userId && shopper.userId > 0 ? shopper.userId : null;
  if (args.orderNumber === null) {
    if (!customer) return DETAILS_NEEDED;
    return listOwnOrders(deps.orders, customer, context);
  }
  if (!customer && !args.email) return DETAILS_NEEDED;

  const gate = await deps.limit.begin({ tenant: shopper.tenant, owner: shopper.owner, ip: shopper.ip ?? 'unknown' });
  if (!gate.allowed) {
    const minutes = Math.max(1, Math.ceil(gate.retryAfterS / 60));
    return JSON.stringify({
      error: 'too_many_tries',
      retry_after_minutes: minutes,
      try_again_at: new Date(Date.now() + gate.retryAfterS * 1000).toISOString(),
      message: `Too many order look-ups did not match, so looking up orders by number is paused for this shopper. Tell them to try again in about ${minutes} minute${minutes === 1 ? '' : 's'}, or to sign in to their account to see their orders.`,
    });
  }
  let order: WooOrder | null;
  try {
    order = await deps.orders.getOrder(args.orderNumber);
  } catch (error) {
    if (isWooError(error) && (error.kind === 'not_found' || error.kind === 'invalid_response')) order = null;
    else {
      await gate.settle(true);
      context.logger.warn({ err: error }, 'order_status could not read the order');
      return STORE_UNREACHABLE;
    }
  }
  // Both checks always run, so a missing order and a wrong email take the same path.
  const emailMatches = sameEmail(order?.billing.email ?? '', args.email);
  const owned = customer !== null && order !== null && order.customer_id === customer;
  const matched = order !== null && isShopperVisible(order) && (owned || emailMatches);
  await gate.settle(matched);
  if (!matched || !order) return NO_MATCH;
  return JSON.stringify({ found: true, order: summarizeOrder(order), note: VERIFIED_NOTE });
}

async function listOwnOrders(orders: WooOrderReader, customer: number, context: ToolContext): Promise<string> {
  let list: WooOrder[];
  try {
    // A few extra, as checkout drafts are dropped.
    list = await orders.listCustomerOrders(customer, MAX_LISTED_ORDERS * 2);
  } catch (error) {
    context.logger.warn({ err: error }, 'order_status could not list the orders');
    return STORE_UNREACHABLE;
  }
  // The store was asked for this customer's orders only; checked again, as a plugin may widen the query.
  const own = list.filter((o) => o.customer_id === customer && isShopperVisible(o)).slice(0, MAX_LISTED_ORDERS);
  if (!own.length) return JSON.stringify({ orders: [], message: 'This account has no orders yet.' });
  return JSON.stringify({
    orders: own.map(summarizeOrder),
    note: `The signed-in customer's ${own.length} most recent orders, newest first. ${VERIFIED_NOTE}`,
  });
}
