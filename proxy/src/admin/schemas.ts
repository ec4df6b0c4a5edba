import { z } from 'zod';
import type { OwnerControls, StoreFormat } from '../tenants/types';
import { handoffBody, handoffFromBody } from './handoff-schema';

export { handoffFromBody };

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), { message: 'must be an http(s) URL' });

/** How the store writes money, read from WooCommerce's settings by the plugin. */
export const storeFormatBody = z
  .object({
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter currency code' }),
    currency_symbol: z.string().trim().min(1).max(16),
    currency_position: z.enum(['left', 'right', 'left_space', 'right_space']),
    decimals: z.number().int().min(0).max(8),
    decimal_separator: z.string().max(4),
    thousand_separator: z.string().max(4),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$/, { message: 'must be a WordPress locale such as he_IL' }),
  })
  .strict();

/** The owner's controls on the settings screen. */
export const ownerControlsBody = z
  .object({
    daily_token_cap: z.number().int().min(0).max(100_000_000_000).optional(),
    moderation: z.boolean().optional(),
    rate_session_per_min: z.number().int().min(0).max(100_000).optional(),
    retention_days: z.number().int().min(1).max(365).optional(),
    order_lookup: z.boolean().optional(),
    transcript_review: z.boolean().optional(),
  })
  .strict();

/** What `PUT /api/admin/config` accepts. Unknown fields are refused so a typo is not silently lost. */
export const adminConfigBody = z
  .object({
    store_url: httpUrl,
    woo: z
      .object({
        consumer_key: z
          .string()
          .trim()
          .regex(/^ck_[A-Za-z0-9]{8,128}$/, { message: 'must look like ck_…' }),
        consumer_secret: z
          .string()
          .trim()
          .regex(/^cs_[A-Za-z0-9]{8,128}$/, { message: 'must look like cs_…' }),
      })
      .strict()
      .nullable()
      .optional(),
    openai_api_key: z
      .string()
      .trim()
      .regex(/^sk-[A-Za-z0-9_-]{16,256}$/, { message: 'must look like sk-…' })
      .optional(),
    model: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'must be a model name such as gpt-6-luna' })
      .optional(),
    instructions: z.string().max(8000).optional(),
    store: storeFormatBody.optional(),
    controls: ownerControlsBody.optional(),
    handoff: handoffBody.optional(),
  })
  .strict();

export type AdminConfigBody = z.infer<typeof adminConfigBody>;

/** `POST /api/admin/catalog/changes`: products the store saw change, pushed by the plugin. */
export const catalogChangesBody = z
  .object({
    product_ids: z.array(z.number().int().positive().max(2_147_483_647)).max(500),
    deleted_ids: z.array(z.number().int().positive().max(2_147_483_647)).max(500).optional(),
    ping: z.boolean().optional(),
  })
  .strict();

export type CatalogChanges = z.infer<typeof catalogChangesBody>;

export function formatFromBody(body: z.infer<typeof storeFormatBody>): StoreFormat {
  return {
    currency: body.currency,
    currencySymbol: body.currency_symbol,
    currencyPosition: body.currency_position,
    decimals: body.decimals,
    decimalSeparator: body.decimal_separator,
    thousandSeparator: body.thousand_separator,
    language: body.language,
  };
}

export function controlsFromBody(body: z.infer<typeof ownerControlsBody>): OwnerControls {
  return {
    ...(body.daily_token_cap !== undefined ? { dailyTokenCap: body.daily_token_cap } : {}),
    ...(body.moderation !== undefined ? { moderation: body.moderation } : {}),
    ...(body.rate_session_per_min !== undefined ? { ratePerSessionPerMin: body.rate_session_per_min } : {}),
    ...(body.retention_days !== undefined ? { retentionDays: body.retention_days } : {}),
    ...(body.order_lookup !== undefined ? { orderLookup: body.order_lookup } : {}),
    ...(body.transcript_review !== undefined ? { transcriptReview: body.transcript_review } : {}),
  };
}

/** The wire form of what was stored, for the status answer. */
export function formatToWire(format: StoreFormat | undefined) {
  if (!format) return null;
  return {
    currency: format.currency,
    currency_symbol: format.currencySymbol,
    currency_position: format.currencyPosition,
    decimals: format.decimals,
    decimal_separator: format.decimalSeparator,
    thousand_separator: format.thousandSeparator,
    language: format.language,
  };
}
