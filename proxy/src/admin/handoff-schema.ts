import { z } from 'zod';
import { isKnownTimeZone, minutesOf, WEEKDAYS } from '../handoff/hours';
import type { HandoffSettings, Weekday } from '../tenants/types';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be a time such as 09:30' });

const interval = z
  .object({ open: hhmm, close: hhmm })
  .strict()
  .refine((slot) => minutesOf(slot.open) < minutesOf(slot.close), { message: 'open must be before close' });

const weekHours = z
  .object(
    Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(interval).max(4).optional()])) as Record<
      Weekday,
      z.ZodOptional<z.ZodArray<typeof interval>>
    >,
  )
  .strict();

/** `handoff` in `PUT /api/admin/config`: how a shopper reaches a person at the store. */
export const handoffBody = z
  .object({
    whatsapp: z
      .string()
      .trim()
      .regex(/^(\d{8,15})?$/, { message: 'must be an E.164 number, digits only (8 to 15)' })
      .optional(),
    email: z.boolean(),
    contact_url: z
      .string()
      .trim()
      .max(2048)
      .refine((v) => v === '' || (/^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v)), { message: 'must be an http(s) URL' })
      .optional(),
    timezone: z
      .string()
      .trim()
      .max(64)
      .refine(isKnownTimeZone, { message: 'must be a time zone such as Asia/Jerusalem or +02:00' }),
    /** null or absent: someone answers at any time. */
    hours: weekHours.nullable().optional(),
  })
  .strict();

export function handoffFromBody(body: z.infer<typeof handoffBody>): HandoffSettings {
  const hours: HandoffSettings['hours'] = body.hours
    ? Object.fromEntries(Object.entries(body.hours).filter(([, slots]) => slots !== undefined))
    : undefined;
  return {
    email: body.email,
    timezone: body.timezone,
    ...(body.whatsapp ? { whatsapp: body.whatsapp } : {}),
    ...(body.contact_url ? { contactUrl: body.contact_url } : {}),
    ...(hours ? { hours } : {}),
  };
}
