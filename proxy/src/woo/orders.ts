/**
 * Orders through WooCommerce REST v3, read with the store's read key. Only the fields order
 * status needs are asked for (`_fields`, so addresses and payment details do not even leave the
 * store) and kept (zod drops every other key): the billing email is kept for the guest check
 * alone and is never part of what is shown.
 */
import { z } from 'zod';

const money = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? '' : String(v)));

const metaSchema = z.object({ key: z.string(), value: z.unknown() });

const lineItemSchema = z.object({
  name: z.string().default(''),
  quantity: z.number().default(0),
  total: money,
});

export const wooOrderSchema = z.object({
  id: z.number().int().positive(),
  /** What the shopper sees as the order number (plugins may make it differ from the ID). */
  number: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  /** Store-local time, e.g. `2026-12-07T21:04:11`. */
  date_created: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  currency: z.string().default(''),
  total: money,
  total_tax: money,
  shipping_total: money,
  discount_total: money,
  customer_id: z.number().int().default(0),
  billing: z
    .object({
      email: z
        .string()
        .nullish()
        .transform((v) => v ?? ''),
    })
    .default({ email: '' }),
  line_items: z.array(lineItemSchema).default([]),
  meta_data: z.array(metaSchema).default([]),
});

export type WooOrder = z.infer<typeof wooOrderSchema>;

const wooOrderListSchema = z.array(wooOrderSchema);

/** The fields asked for; WordPress leaves out the rest of each order (nested `billing.email` since WP 5.3). */
export const ORDER_FIELDS = [
  'id',
  'number',
  'status',
  'date_created',
  'currency',
  'total',
  'total_tax',
  'shipping_total',
  'discount_total',
  'customer_id',
  'billing.email',
  'line_items',
  'meta_data',
].join(',');

export interface WooOrderReader {
  /** A customer's most recent orders, newest first (at most `perPage`, 1..100). */
  listCustomerOrders(customerId: number, perPage: number): Promise<WooOrder[]>;
  /** Throws WooError kind 'not_found' when there is no such order. */
  getOrder(id: number): Promise<WooOrder>;
}

/** The client's GET (retries, auth, typed errors) and its zod check, handed in by client.ts. */
type Get<R> = (path: string, params: Array<readonly [string, string]>) => Promise<R>;
type Parse<R> = <S extends z.ZodType>(schema: S, raw: R, what: string) => z.output<S>;

export function orderReader<R>(get: Get<R>, parse: Parse<R>): WooOrderReader {
  const positive = (name: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value <= 0 || value > max) throw new RangeError(`${name} out of range: ${value}`);
  };
  return {
    async listCustomerOrders(customerId, perPage) {
      positive('customer id', customerId, 2 ** 53);
      positive('per_page', perPage, 100);
      const raw = await get('/orders', [
        ['customer', String(customerId)],
        ['per_page', String(perPage)],
        ['orderby', 'date'],
        ['order', 'desc'],
        ['_fields', ORDER_FIELDS],
      ]);
      return parse(wooOrderListSchema, raw, 'an order list');
    },
    async getOrder(id) {
      positive('order id', id, 2 ** 53);
      const raw = await get(`/orders/${id}`, [['_fields', ORDER_FIELDS]]);
      return parse(wooOrderSchema, raw, 'an order');
    },
  };
}
