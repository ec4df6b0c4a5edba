/**
 * wc/v3 orders as WooCommerce 11 answers them (WC_REST_Orders_Controller, HPOS): the full order
 * object with its addresses, payment details, customer note, IP and user agent, so a test can
 * check that none of it reaches the model. `GET /orders` (customer, per_page, page, orderby=date,
 * order, _fields) and `GET /orders/<id>` (404 `woocommerce_rest_shop_order_invalid_id`).
 */
import type { RouteContext } from './rest-routes';
import { ALLOW_COLLECTION, ALLOW_ITEM, json, restHeaders, wpError, type FakeResponse } from './wp-response';

export interface FakeOrderLine {
  name: string;
  product_id: number;
  quantity: number;
  /** e.g. "59.90" */
  price: string;
}

export interface FakeOrderInput {
  id: number;
  customer_id?: number;
  status?: string;
  email: string;
  lines: FakeOrderLine[];
  currency?: string;
  shipping_total?: string;
  /** Store-local, e.g. 2026-12-01T10:00:00. */
  date_created?: string;
  meta_data?: Array<{ key: string; value: unknown }>;
  /** Overrides any field of the full order (a plugin's odd value). */
  extra?: Record<string, unknown>;
}

/** Personal data every fake order carries, so tests can look for it in what the model received. */
export const ORDER_PII = {
  first_name: 'Dana',
  last_name: 'Levi-Sensitive',
  address_1: '12 Secret Garden Street',
  city: 'Hiddenville',
  postcode: '6100001',
  phone: '+972-54-765-4321',
  company: 'Private Co',
  customer_note: 'Leave it with my neighbour, door code 4471',
  customer_ip_address: '203.0.113.77',
  customer_user_agent: 'Mozilla/5.0 (X11; Linux x86_64) SensitiveAgent/1.0',
  payment_method_title: 'Cash on delivery',
  transaction_id: 'txn_4111111111111111',
  order_key: 'wc_order_Secr3tK3y',
} as const;

export type RawWooOrder = Record<string, unknown> & { id: number; customer_id: number; date_created: string };

const money = (n: number) => n.toFixed(2);

export function buildOrder(input: FakeOrderInput): RawWooOrder {
  const p = ORDER_PII;
  const lines = input.lines.map((line, i) => {
    const total = money(Number(line.price) * line.quantity);
    return {
      id: input.id * 10 + i,
      name: line.name,
      product_id: line.product_id,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: '',
      subtotal: total,
      subtotal_tax: '0.00',
      total,
      total_tax: '0.00',
      taxes: [],
      meta_data: [
        {
          id: 900 + i,
          key: '_reduced_stock',
          value: String(line.quantity),
          display_key: '_reduced_stock',
          display_value: String(line.quantity),
        },
      ],
      sku: `SKU-${line.product_id}`,
      price: Number(line.price),
      image: { id: 0, src: '' },
      parent_name: null,
    };
  });
  const itemsTotal = input.lines.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0);
  const shipping = input.shipping_total ?? '0.00';
  const created = input.date_created ?? '2026-12-01T10:00:00';
  const address = {
    first_name: p.first_name,
    last_name: p.last_name,
    company: p.company,
    address_1: p.address_1,
    address_2: '',
    city: p.city,
    state: '',
    postcode: p.postcode,
    country: 'IL',
  };
  return {
    id: input.id,
    parent_id: 0,
    status: input.status ?? 'processing',
    currency: input.currency ?? 'ILS',
    version: '11.0.1',
    prices_include_tax: false,
    date_created: created,
    date_modified: created,
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: shipping,
    shipping_tax: '0.00',
    cart_tax: '0.00',
    total: money(itemsTotal + Number(shipping)),
    total_tax: '0.00',
    customer_id: input.customer_id ?? 0,
    order_key: p.order_key,
    billing: { ...address, email: input.email, phone: p.phone },
    shipping: { ...address, phone: p.phone },
    payment_method: 'cod',
    payment_method_title: p.payment_method_title,
    transaction_id: p.transaction_id,
    customer_ip_address: p.customer_ip_address,
    customer_user_agent: p.customer_user_agent,
    created_via: 'checkout',
    customer_note: p.customer_note,
    date_completed: null,
    date_paid: null,
    cart_hash: 'f00d',
    number: String(input.id),
    meta_data: (input.meta_data ?? []).map((m, i) => ({ id: 700 + i, ...m })),
    line_items: lines,
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
    payment_url: `https://store.example/checkout/order-pay/${input.id}/?pay_for_order=true&key=${p.order_key}`,
    is_editable: false,
    needs_payment: false,
    needs_processing: true,
    date_created_gmt: created,
    date_modified_gmt: created,
    date_completed_gmt: null,
    date_paid_gmt: null,
    currency_symbol: '₪',
    ...input.extra,
  };
}

/** WordPress's `_fields`: only the named keys (nested ones as `billing.email`). */
function pickFields(item: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return item;
  const out: Record<string, unknown> = {};
  for (const field of fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)) {
    const [top, ...rest] = field.split('.');
    if (!(top! in item)) continue;
    if (!rest.length) out[top!] = item[top!];
    else {
      const inner = item[top!];
      if (inner && typeof inner === 'object' && rest[0]! in inner) {
        out[top!] = { ...((out[top!] as object) ?? {}), [rest[0]!]: (inner as Record<string, unknown>)[rest[0]!] };
      }
    }
  }
  return out;
}

const positiveInt = (value: string | undefined, fallback: number): number | null => {
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
};

export function handleOrders(ctx: RouteContext, orders: readonly RawWooOrder[]): FakeResponse | null {
  const route = ctx.path.slice('/wp-json/wc/v3'.length);
  const links = (o: RawWooOrder) => ({
    self: [{ href: `${ctx.origin}/wp-json/wc/v3/orders/${o.id}`, targetHints: { allow: ALLOW_ITEM.split(', ') } }],
    collection: [{ href: `${ctx.origin}/wp-json/wc/v3/orders` }],
    ...(o.customer_id ? { customer: [{ href: `${ctx.origin}/wp-json/wc/v3/customers/${o.customer_id}` }] } : {}),
  });
  const fields = ctx.query.get('_fields');
  if (route === '/orders') {
    const perPage = positiveInt(ctx.query.get('per_page'), 10);
    const page = positiveInt(ctx.query.get('page'), 1);
    const customer = positiveInt(ctx.query.get('customer'), -1);
    if (perPage === null || perPage < 1 || perPage > 100 || page === null || page < 1 || customer === null) {
      return json(
        400,
        restHeaders(ctx.origin, ALLOW_COLLECTION),
        wpError('rest_invalid_param', 'Invalid parameter(s): per_page', 400),
      );
    }
    if (!ctx.auth.authenticated) {
      return json(
        401,
        restHeaders(ctx.origin, ALLOW_COLLECTION),
        wpError('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401),
      );
    }
    const direction = ctx.query.get('order') === 'asc' ? 1 : -1;
    const all = orders
      .filter((o) => customer < 0 || o.customer_id === customer)
      .sort((a, b) => direction * (a.date_created < b.date_created ? -1 : a.date_created > b.date_created ? 1 : a.id - b.id));
    const items = all.slice((page - 1) * perPage, page * perPage).map((o) => pickFields({ ...o, _links: links(o) }, fields));
    return json(
      200,
      restHeaders(ctx.origin, ALLOW_COLLECTION, {
        'x-wp-total': String(all.length),
        'x-wp-totalpages': String(Math.ceil(all.length / perPage)),
      }),
      items,
    );
  }
  const item = /^\/orders\/(\d+)$/.exec(route);
  if (!item) return null;
  const order = orders.find((o) => o.id === Number(item[1]));
  if (!order) {
    return json(404, restHeaders(ctx.origin, ALLOW_ITEM), wpError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', 404));
  }
  if (!ctx.auth.authenticated) {
    return json(
      401,
      restHeaders(ctx.origin, ALLOW_ITEM),
      wpError('woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.', 401),
    );
  }
  return json(200, restHeaders(ctx.origin, ALLOW_ITEM), pickFields({ ...order, _links: links(order) }, fields));
}
