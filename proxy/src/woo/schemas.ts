/**
 * The parts of WooCommerce REST v3 products and variations Aisle uses, as zod
 * schemas modelled on the real captures in shared/woocommerce/real. Unknown keys
 * are dropped; fields that plugins or older WooCommerce versions omit get
 * defaults, so only a truly malformed answer (no id, a price that is an object…)
 * fails to parse.
 */
import { z } from 'zod';

/** WooCommerce sends money and weights as strings; some plugins send numbers. Keep strings. */
const looseString = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? '' : String(v)));

const nullableDate = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

const termSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string().default(''),
});

const imageSchema = z.object({
  id: z.number().int(),
  src: z.string(),
  name: z.string().default(''),
  alt: z.string().default(''),
  /** Present in recent WooCommerce versions only. */
  thumbnail: z.string().optional(),
});

const productAttributeSchema = z.object({
  /** 0 for a custom (non-taxonomy) attribute. */
  id: z.number().int(),
  name: z.string(),
  /** `pa_weight` for taxonomy attributes; absent in older WooCommerce versions. */
  slug: z.string().optional(),
  position: z.number().int().default(0),
  visible: z.boolean().default(true),
  variation: z.boolean().default(false),
  options: z.array(z.string()).default([]),
});

const variationAttributeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string().optional(),
  option: z.string(),
});

const stockQuantity = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

export const wooProductSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  slug: z.string(),
  permalink: z.string(),
  type: z.string(),
  status: z.string(),
  catalog_visibility: z.string().default('visible'),
  sku: looseString,
  /** GTIN/UPC/EAN/ISBN; added in WooCommerce 9.2. */
  global_unique_id: looseString,
  price: looseString,
  regular_price: looseString,
  sale_price: looseString,
  date_on_sale_from: nullableDate,
  date_on_sale_to: nullableDate,
  on_sale: z.boolean().default(false),
  price_html: looseString,
  purchasable: z.boolean().default(true),
  stock_status: z.string().default('instock'),
  stock_quantity: stockQuantity,
  manage_stock: z.boolean().default(false),
  backorders: z.string().default('no'),
  weight: looseString,
  parent_id: z.number().int().default(0),
  categories: z.array(termSchema).default([]),
  tags: z.array(termSchema).default([]),
  /** Only when the store has the Brands feature. */
  brands: z.array(termSchema).optional(),
  attributes: z.array(productAttributeSchema).default([]),
  variations: z.array(z.number().int()).default([]),
  images: z.array(imageSchema).default([]),
  description: looseString,
  short_description: looseString,
  date_modified_gmt: nullableDate,
  /** Units sold (popularity); a string in older WooCommerce versions. */
  total_sales: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => {
      const n = Number(v ?? 0);
      return Number.isFinite(n) && n > 0 ? n : 0;
    }),
  /** e.g. "4.50"; "0.00" without reviews. */
  average_rating: looseString,
  rating_count: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? 0),
});

export const wooVariationSchema = z.object({
  id: z.number().int().positive(),
  parent_id: z.number().int().optional(),
  /** The attribute values joined, e.g. `12 ק"ג`; absent before WooCommerce 8. */
  name: z.string().optional(),
  permalink: z.string().default(''),
  status: z.string().default('publish'),
  sku: looseString,
  global_unique_id: looseString,
  price: looseString,
  regular_price: looseString,
  sale_price: looseString,
  date_on_sale_from: nullableDate,
  date_on_sale_to: nullableDate,
  on_sale: z.boolean().default(false),
  purchasable: z.boolean().default(true),
  stock_status: z.string().default('instock'),
  stock_quantity: stockQuantity,
  /** `'parent'` when the parent product manages the stock. */
  manage_stock: z.union([z.boolean(), z.literal('parent')]).default(false),
  backorders: z.string().default('no'),
  weight: looseString,
  description: looseString,
  attributes: z.array(variationAttributeSchema).default([]),
  image: imageSchema.nullish().transform((v) => v ?? null),
  date_modified_gmt: nullableDate,
});

export type WooProduct = z.infer<typeof wooProductSchema>;
export type WooVariation = z.infer<typeof wooVariationSchema>;
export type WooTerm = z.infer<typeof termSchema>;
export type WooImage = z.infer<typeof imageSchema>;
export type WooProductAttribute = z.infer<typeof productAttributeSchema>;
export type WooVariationAttribute = z.infer<typeof variationAttributeSchema>;

export const wooProductListSchema = z.array(wooProductSchema);
export const wooVariationListSchema = z.array(wooVariationSchema);
