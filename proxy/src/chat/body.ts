import { z } from 'zod';
import { badRequest } from '../http/errors';
import {
  checkPhoto,
  DEFAULT_MAX_PIXELS,
  DEFAULT_MAX_SIDE,
  maxDataUrlChars,
  megabytes,
  PhotoRejectedError,
} from '../photos/check';
import type { CheckedPhoto } from '../photos/check';

export interface ChatBodyLimits {
  maxMessageChars: number;
  /** Largest photo, decoded (AISLE_MAX_IMAGE_BYTES); 0 refuses photos. Default 4 MB. */
  maxImageBytes?: number;
}

export const DEFAULT_MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** The routes whose body may carry a photo. */
export const PHOTO_ROUTES = ['/api/chat', '/api/chat/stream'] as const;

/**
 * The JSON body limit of the photo routes: the photo's base64 (4/3 of its bytes), the message at
 * its longest as JSON escapes (6 bytes a character at worst), and room for the other fields.
 */
export function photoBodyBytes(limits: Required<ChatBodyLimits>): number {
  return limits.maxImageBytes > 0 ? maxDataUrlChars(limits.maxImageBytes) + limits.maxMessageChars * 6 + 4096 : 0;
}

/** `POST /api/chat/stream` and `POST /api/chat` body. Limits come from config. */
export function chatBodySchema(limits: ChatBodyLimits) {
  const maxImageBytes = limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  return z
    .object({
      // May be empty when a photo comes with it: the photo is the question then.
      message: z
        .string({ message: 'message must be a string' })
        .trim()
        .max(limits.maxMessageChars, { message: `message must be at most ${limits.maxMessageChars} characters` })
        .optional()
        .transform((v) => v ?? ''),
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
      image: z
        .object({
          data_url: z
            .string({ message: 'image.data_url must be a string' })
            .max(maxDataUrlChars(maxImageBytes), { message: `The photo is larger than ${megabytes(maxImageBytes)}.` }),
        })
        .strict()
        .optional()
        .describe('A photo for photo search: a JPEG, PNG or WebP data URL, checked by its bytes and its pixel count.'),
    })
    .strict()
    .refine((body) => body.message !== '' || body.image !== undefined, {
      message: 'message must not be empty',
      path: ['message'],
    });
}

export type ChatBody = z.infer<ReturnType<typeof chatBodySchema>>;

/** A parsed body whose photo, if any, passed every check. */
export type CheckedChatBody = Omit<ChatBody, 'image'> & { image?: CheckedPhoto };

/**
 * Parses a chat body and checks its photo by its bytes (type, size, pixel count). Every refusal
 * is a 400 that says what was wrong, before any stream opens.
 */
export function chatBodyParser(limits: ChatBodyLimits): (raw: unknown) => CheckedChatBody {
  const schema = chatBodySchema(limits);
  const photoLimits = {
    maxBytes: limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
    maxPixels: DEFAULT_MAX_PIXELS,
    maxSide: DEFAULT_MAX_SIDE,
  };
  return (raw) => {
    const { image, ...body } = schema.parse(raw);
    if (!image) return body;
    try {
      return { ...body, image: checkPhoto(image.data_url, photoLimits) };
    } catch (error) {
      if (error instanceof PhotoRejectedError) throw badRequest(error.message, { reason: error.reason });
      throw error;
    }
  };
}
