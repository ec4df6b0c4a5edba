/**
 * What the model may read about an order, built field by field from the whitelist below: number,
 * date, status, items, totals, currency and tracking. Addresses, phone numbers, emails, payment
 * details, customer notes, IP and user agent are never copied, whatever the store sends.
 */
import type { WooOrder } from '../woo';

export interface OrderTracking {
  provider: string;
  number: string;
  url?: string;
  shipped?: string;
}

export interface OrderSummary {
  number: string;
  /** The day the order was placed, store time (YYYY-MM-DD). */
  date: string | null;
  status: string;
  items: Array<{ name: string; quantity: number; total: string }>;
  shipping: string;
  discount: string;
  tax: string;
  total: string;
  currency: string;
  tracking: OrderTracking[];
}

/** WooCommerce's own names for its statuses. */
const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
};

/** A cart in checkout, or a deleted order: not an order the shopper placed. */
const HIDDEN_STATUSES = new Set(['checkout-draft', 'trash', 'auto-draft']);

export function isShopperVisible(order: WooOrder): boolean {
  return !HIDDEN_STATUSES.has(order.status);
}

export function statusLabel(status: string): string {
  const known = STATUS_LABELS[status];
  if (known) return known;
  // A status a plugin added, e.g. `awaiting-shipment` → "Awaiting shipment".
  const words = status.replace(/^wc-/, '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Unknown';
}

/** A short single-line string from store data, or '' (control characters out, length bounded). */
function clean(value: unknown, max = 100): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return String(value)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, max);
}

function httpUrl(value: unknown): string | undefined {
  const text = clean(value, 500);
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
}

function day(value: unknown): string | undefined {
  const seconds = Number(clean(value, 20));
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Tracking as the common plugins keep it: WooCommerce Shipment Tracking, or a plain number and provider. */
export function trackingOf(order: WooOrder): OrderTracking[] {
  const meta = new Map(order.meta_data.map((m) => [m.key, m.value]));
  const out: OrderTracking[] = [];
  const items = meta.get('_wc_shipment_tracking_items');
  if (Array.isArray(items)) {
    for (const raw of items.slice(0, 5)) {
      if (typeof raw !== 'object' || raw === null) continue;
      const item = raw as Record<string, unknown>;
      const number = clean(item.tracking_number);
      if (!number) continue;
      const url = httpUrl(item.custom_tracking_link);
      const shipped = day(item.date_shipped);
      out.push({
        provider: clean(item.custom_tracking_provider) || clean(item.tracking_provider),
        number,
        ...(url ? { url } : {}),
        ...(shipped ? { shipped } : {}),
      });
    }
  }
  const single = clean(meta.get('_tracking_number'));
  if (single && !out.some((t) => t.number === single)) {
    out.push({ provider: clean(meta.get('_tracking_provider')), number: single });
  }
  return out;
}

export function summarizeOrder(order: WooOrder): OrderSummary {
  return {
    number: clean(order.number, 40) || String(order.id),
    date: order.date_created ? order.date_created.slice(0, 10) : null,
    status: statusLabel(order.status),
    items: order.line_items.slice(0, 50).map((item) => ({
      name: clean(item.name, 200),
      quantity: item.quantity,
      total: clean(item.total, 30),
    })),
    shipping: clean(order.shipping_total, 30),
    discount: clean(order.discount_total, 30),
    tax: clean(order.total_tax, 30),
    total: clean(order.total, 30),
    currency: clean(order.currency, 3),
    tracking: trackingOf(order),
  };
}
