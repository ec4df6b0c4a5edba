import { z } from 'zod';

/** The largest order number accepted (WordPress post IDs in practice stay far below it). */
export const MAX_ORDER_NUMBER = 2_147_483_647;

export type OrderArguments =
  | { ok: true; orderNumber: number | null; email: string | null }
  | { ok: false; error: 'invalid_arguments' | 'invalid_order_number' | 'invalid_email'; message: string };

const emailSchema = z.email();

const refuse = (error: Extract<OrderArguments, { ok: false }>['error'], message: string): OrderArguments => ({
  ok: false,
  error,
  message,
});

/** An order number as shoppers write it ("1234", "#1234"): digits only, positive, bounded. */
function orderNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const digits = /^#?\s*(\d{1,10})$/.exec(text)?.[1];
  if (!digits) return undefined;
  const n = Number(digits);
  return n >= 1 && n <= MAX_ORDER_NUMBER ? n : undefined;
}

/** Checks the model's arguments; never echoes them back (they may be anything a shopper typed). */
export function parseOrderArguments(args: Record<string, unknown> | null): OrderArguments {
  if (!args)
    return refuse(
      'invalid_arguments',
      'Arguments must be a JSON object: {"order_number": "1234" or null, "email": "…" or null}.',
    );
  const number = orderNumber(args.order_number);
  if (number === undefined) {
    return refuse(
      'invalid_order_number',
      'That is not an order number. An order number is a positive whole number such as 1234 (digits only), shown in the order confirmation email. Ask the shopper for it.',
    );
  }
  let email: string | null = null;
  if (args.email !== null && args.email !== undefined && args.email !== '') {
    const text = typeof args.email === 'string' ? args.email.trim() : '';
    if (text.length > 254 || !emailSchema.safeParse(text).success) {
      return refuse(
        'invalid_email',
        'That is not an email address. Ask the shopper for the billing email address they used at checkout.',
      );
    }
    email = text;
  }
  return { ok: true, orderNumber: number, email };
}
