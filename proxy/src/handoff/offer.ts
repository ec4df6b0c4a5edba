/**
 * The ways to reach a person that work now. WhatsApp needs someone present, so it is offered
 * only within opening hours; email and the contact page work at any time.
 */
import type { HandoffOffer, HandoffOption } from '../contract/events';
import type { HandoffSettings } from '../tenants/types';
import { isOpen, nextOpening, storeClock } from './hours';

/** Longest conversation summary pre-filled in a WhatsApp message (characters). */
export const MAX_SUMMARY_CHARS = 500;

/** The summary as one short line of plain text: no control characters, at most MAX_SUMMARY_CHARS. */
export function cleanSummary(summary: string): string {
  const flat = summary
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length > MAX_SUMMARY_CHARS ? `${chars.slice(0, MAX_SUMMARY_CHARS - 1).join('')}…` : flat;
}

/** `https://wa.me/<digits>?text=<summary>`; the summary is URL-encoded and capped. */
export function whatsappLink(digits: string, summary: string): string {
  const text = cleanSummary(summary);
  return `https://wa.me/${digits}${text ? `?text=${encodeURIComponent(text)}` : ''}`;
}

export function handoffOffer(
  settings: HandoffSettings,
  input: { reason: HandoffOffer['reason']; summary: string },
  now: Date,
): HandoffOffer {
  const clock = storeClock(settings.timezone, now);
  const open = isOpen(settings, clock);
  const options: HandoffOption[] = [];
  if (open && settings.whatsapp) {
    options.push({ kind: 'whatsapp', url: whatsappLink(settings.whatsapp, input.summary), label: 'WhatsApp' });
  }
  if (settings.email) options.push({ kind: 'email', label: 'Email the store' });
  if (settings.contactUrl) options.push({ kind: 'contact_page', url: settings.contactUrl, label: 'Contact page' });
  const next = open ? null : nextOpening(settings, clock);
  const message = open
    ? undefined
    : next
      ? `The store is closed now and answers ${next} (store time, ${settings.timezone}).`
      : 'Nobody at the store can answer right now.';
  return { reason: input.reason, options, ...(message ? { message } : {}) };
}
