import { z } from 'zod';

/** `POST /api/chat/stream` and `POST /api/chat` body. Limits come from config. */
export function chatBodySchema(limits: { maxMessageChars: number }) {
  return z
    .object({
      message: z
        .string({ message: 'message must be a string' })
        .trim()
        .min(1, { message: 'message must not be empty' })
        .max(limits.maxMessageChars, { message: `message must be at most ${limits.maxMessageChars} characters` }),
      thread_id: z
        .string({ message: 'thread_id must be a string or null' })
        .max(200, { message: 'thread_id is too long' })
        .nullable()
        .optional()
        .transform((v) => v ?? null),
      context: z
        .object({
          product_id: z.number().int().positive().max(2_147_483_647).optional(),
        })
        .strict()
        .optional(),
    })
    .strict();
}

export type ChatBody = z.infer<ReturnType<typeof chatBodySchema>>;
