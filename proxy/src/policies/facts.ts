/**
 * Store facts the plugin pushes (`PUT /api/admin/store-facts`): the store's policy pages and the
 * pages the owner picked, its shipping zones with their methods and costs, and how to reach it.
 * Bounded: 25 pages of at most 200,000 characters each.
 */
import { z } from 'zod';

export const MAX_PAGES = 25;
export const MAX_PAGE_CHARS = 200_000;
/** Largest store-facts body the proxy reads (every page at its largest, plus shipping and contact). */
export const MAX_FACTS_BODY_BYTES = 6 * 1024 * 1024;

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), { message: 'must be an http(s) URL' });
const line = (max: number) => z.string().max(max);

export const PAGE_KINDS = ['terms', 'privacy', 'refunds', 'page'] as const;

export const storeFactsBody = z
  .object({
    pages: z
      .array(
        z
          .object({
            id: z.number().int().positive(),
            kind: z.enum(PAGE_KINDS),
            url: httpUrl,
            title: line(500),
            /** ISO 8601, as WordPress gives it (`post_modified_gmt`). */
            modified: line(40),
            /** The page's content as HTML; it becomes plain text here. */
            content_html: z.string().max(MAX_PAGE_CHARS),
          })
          .strict(),
      )
      .max(MAX_PAGES),
    shipping: z
      .object({
        zones: z
          .array(
            z
              .object({
                name: line(200),
                regions: z.array(line(200)).max(300),
                methods: z
                  .array(
                    z
                      .object({
                        title: line(200),
                        method: line(60),
                        /** The cost as the store writes it, e.g. "₪20.00" or "10 + 2 per item"; null when free or unknown. */
                        cost: line(300).nullable(),
                        /** Free shipping's minimum order, as the store writes it. */
                        min_amount: line(100).nullable().optional(),
                      })
                      .strict(),
                  )
                  .max(50),
              })
              .strict(),
          )
          .max(200),
      })
      .strict()
      .nullable(),
    contact: z
      .object({
        store_name: line(200),
        address: z.array(line(300)).max(8),
        email: line(254).nullable(),
        phone: line(40).nullable(),
      })
      .strict()
      .nullable(),
    /** False when the plugin starts a sync itself right after (Sync catalog now). Default true. */
    sync: z.boolean().optional(),
  })
  .strict();

export type StoreFacts = z.infer<typeof storeFactsBody>;
export type StoreFactsPage = StoreFacts['pages'][number];
